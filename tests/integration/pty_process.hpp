#pragma once

// Runs a program on a pseudo-terminal, as a person at a terminal would: the integration tests'
// way of driving interactive commands (`sigtrader label`). Waits are on what the program printed,
// each with a bound, never blind sleeps.
#include <array>
#include <cerrno>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "run_process.hpp"

namespace sigtrader::integration {

class PtyProcess {
 public:
  // Starts `program` with `args` in `working_dir` on a new 40x160 terminal, TERM=xterm.
  PtyProcess(const std::string& program, const std::vector<std::string>& args,
             const std::string& working_dir) {
    // Everything the child needs is built before fork(): after it, only exec-safe calls.
    std::vector<std::string> argv_storage = {program};
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_storage)
      argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_storage = detail::merged_environment({"TERM=xterm"});
    std::vector<char*> envp;
    for (auto& entry : env_storage)
      envp.push_back(entry.data());
    envp.push_back(nullptr);

    winsize size{};
    size.ws_row = 40;
    size.ws_col = 160;
    pid_ = forkpty(&master_, nullptr, nullptr, &size);
    if (pid_ < 0) throw std::system_error(errno, std::generic_category(), "forkpty");
    if (pid_ == 0) {
      if (chdir(working_dir.c_str()) != 0) _exit(126);
      execve(program.c_str(), argv.data(), envp.data());
      _exit(127);
    }
  }
  PtyProcess(const PtyProcess&) = delete;
  PtyProcess& operator=(const PtyProcess&) = delete;
  ~PtyProcess() {
    if (!exit_code_) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    close(master_);
  }

  // Everything the program wrote to the terminal so far.
  const std::string& output() const { return output_; }
  // Where the output ends now: wait_for(text, mark()) then only looks at what comes after.
  std::size_t mark() const { return output_.size(); }

  // Types `keys` as if at the keyboard.
  void send(std::string_view keys) const {
    while (!keys.empty()) {
      const ssize_t n = write(master_, keys.data(), keys.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::system_error(errno, std::generic_category(), "write to the pty");
      keys.remove_prefix(static_cast<std::size_t>(n));
    }
  }

  void signal(int signal_number) const { kill(pid_, signal_number); }

  // Reads until `text` appears after `from`; false when `bound` passes or the program ends first.
  bool wait_for(std::string_view text, std::size_t from = 0,
                std::chrono::milliseconds bound = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    while (output_.find(text, from) == std::string::npos) {
      if (closed_ || !read_some(deadline)) return false;
    }
    return true;
  }

  // Reads until the program closes the terminal, then returns its exit code (128 + signal when a
  // signal ended it); std::nullopt when it is still running after `bound`.
  std::optional<int> wait_exit(std::chrono::milliseconds bound = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    while (!closed_) {
      if (!read_some(deadline)) return std::nullopt;
    }
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0) {
      if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
    }
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }

 private:
  // Appends what arrives before `deadline`; false when nothing did.
  bool read_some(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd ready{master_, POLLIN, 0};
    const int polled = poll(&ready, 1, static_cast<int>(left.count()));
    if (polled < 0 && errno == EINTR) return true;
    if (polled <= 0) return false;
    std::array<char, 4096> buffer{};
    const ssize_t n = read(master_, buffer.data(), buffer.size());
    if (n > 0) {
      output_.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      return true;
    } else {
      closed_ = true;  // EIO: every process closed the terminal's other end
    }
    return true;
  }

  pid_t pid_ = -1;
  int master_ = -1;
  std::string output_;
  bool closed_ = false;
  std::optional<int> exit_code_;
};

}  // namespace sigtrader::integration
