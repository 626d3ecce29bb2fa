#include "core/file_text.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sigtrader::core {

Result<std::string> read_whole_file(const std::filesystem::path& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return Error(ErrorCode::kIo, "is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int reason = errno;
    return Error(reason == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, std::strerror(reason));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Error(ErrorCode::kIo, "read failed");
  return std::move(text).str();
}

}  // namespace sigtrader::core
