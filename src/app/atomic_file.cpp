#include "app/atomic_file.hpp"

#include <fstream>
#include <system_error>

#include <fmt/format.h>

namespace sigtrader::app {

core::Status write_atomically(const std::filesystem::path& path, const std::string& text) {
  const auto partial = std::filesystem::path(path.string() + ".partial");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      return core::Error(core::ErrorCode::kIo, fmt::format("cannot write {}", path.string()));
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, path, error);
  if (error) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot write {}: {}", path.string(), error.message()));
  }
  return {};
}

}  // namespace sigtrader::app
