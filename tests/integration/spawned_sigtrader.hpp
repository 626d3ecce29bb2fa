#pragma once

// The sigtrader binary started without waiting for it (servers, paper runs), with its output in
// files of the test's directory, waited on with bounds.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"

extern char** environ;

namespace sigtrader::integration {

// Starts sigtrader in `dir`; stdout and stderr go to dir/spawned.out and dir/spawned.err.
inline pid_t spawn_sigtrader(const std::filesystem::path& dir,
                             const std::vector<std::string>& args) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  const std::string out = (dir / "spawned.out").string();
  const std::string err = (dir / "spawned.err").string();
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> storage = {SIGTRADER_EXE};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : storage)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, SIGTRADER_EXE, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(spawned, 0);
  return pid;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Polls dir/spawned.out until it contains `needle` (bounded); returns the output then.
inline std::optional<std::string> wait_for_output(const std::filesystem::path& dir,
                                                  const std::string& needle,
                                                  std::chrono::seconds bound) {
  const auto deadline = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < deadline) {
    std::string out = read_text(dir / "spawned.out");
    if (out.find(needle) != std::string::npos) return out;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::nullopt;
}

// Polls the database at `db` until paper session 1 has stored a step (bounded, 30 s); false when
// it never did.
inline bool wait_for_first_paper_step(const std::filesystem::path& db) {
  for (int attempt = 0; attempt < 600; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!std::filesystem::exists(db)) continue;
    auto store =
        storage::SqliteStore::open(db.string(), storage::OpenOptions{.create_if_missing = false,
                                                                     .migrate = false,
                                                                     .busy_timeout_ms = 5000,
                                                                     .clock = nullptr});
    if (!store.ok()) continue;
    auto session = (*store)->find_paper_session(storage::PaperSessionId(1));
    if (session.ok() && session->steps >= 1) return true;
  }
  return false;
}

// Sends SIGTERM and waits; the exit code, or -1 when it ended by a signal.
inline int stop_and_wait(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace sigtrader::integration
