#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <stdlib.h>

#include <gtest/gtest.h>

#include "run_process.hpp"

namespace sigtrader::integration {

// A fixture that runs the real sigtrader binary: each test gets an empty directory of its own to
// run in, removed afterwards.
class SigtraderProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "sigtrader-it-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  // Runs sigtrader in the test's directory with `env` (NAME=value) added to its environment.
  // stderr is a pipe, so logs are JSON lines unless a test asks for --log-format text.
  ProcessResult run(const std::vector<std::string>& args, std::vector<std::string> env = {}) const {
    ProcessOptions options;
    options.working_dir = dir_.string();
    options.env = std::move(env);
    return run_process(SIGTRADER_EXE, args, options);
  }

  std::string write_file(const std::string& name, const std::string& text) const {
    const std::filesystem::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  std::filesystem::path dir_;
};

}  // namespace sigtrader::integration
