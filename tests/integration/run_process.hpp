#pragma once

// Runs a program to completion and captures what it wrote and how it exited: the integration
// tests' way of driving the real `sigtrader` binary.
#include <array>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern "C" char** environ;

namespace sigtrader::integration {

struct ProcessResult {
  int exit_code = -1;  // the exit status, or 128 + signal number when a signal ended it
  std::string out;
  std::string err;
};

struct ProcessOptions {
  std::string working_dir;       // empty: the test's own
  std::vector<std::string> env;  // NAME=value entries added to (or replacing) the test's own
};

namespace detail {

inline void check(int result, const char* what) {
  if (result != 0) throw std::system_error(result, std::generic_category(), what);
}

inline std::vector<std::string> merged_environment(const std::vector<std::string>& extra) {
  std::vector<std::string> merged;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& added : extra)
      replaced = replaced || added.starts_with(name + "=");
    if (!replaced) merged.push_back(text);
  }
  merged.insert(merged.end(), extra.begin(), extra.end());
  return merged;
}

}  // namespace detail

// Runs `program` with `args` (argv[1..]); reads stdout and stderr together so that neither pipe
// can fill up and block the child. Throws std::system_error when the program cannot be started.
inline ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                                 const ProcessOptions& options = {}) {
  std::array<int, 2> out_pipe{};
  std::array<int, 2> err_pipe{};
  if (pipe2(out_pipe.data(), O_CLOEXEC) != 0 || pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
    throw std::system_error(errno, std::generic_category(), "pipe2");
  }

  posix_spawn_file_actions_t actions;
  detail::check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init");
  detail::check(posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO), "dup2");
  detail::check(posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO), "dup2");
  if (!options.working_dir.empty()) {
    detail::check(posix_spawn_file_actions_addchdir_np(&actions, options.working_dir.c_str()),
                  "addchdir");
  }

  std::vector<std::string> argv_storage = {program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_storage = detail::merged_environment(options.env);
  std::vector<char*> envp;
  for (auto& entry : env_storage)
    envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = 0;
  const int spawned =
      posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (spawned != 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    throw std::system_error(spawned, std::generic_category(), "posix_spawn " + program);
  }

  ProcessResult result;
  std::array<pollfd, 2> fds = {pollfd{out_pipe[0], POLLIN, 0}, pollfd{err_pipe[0], POLLIN, 0}};
  std::array<std::string*, 2> sinks = {&result.out, &result.err};
  int open_fds = 2;
  while (open_fds > 0) {
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "poll");
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      std::array<char, 4096> buffer{};
      const ssize_t n = read(fds[i].fd, buffer.data(), buffer.size());
      if (n > 0) {
        sinks[i]->append(buffer.data(), static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fds[i].fd);
        fds[i].fd = -1;  // poll ignores negative descriptors
        --open_fds;
      }
    }
  }

  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

}  // namespace sigtrader::integration
