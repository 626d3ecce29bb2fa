#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace sigtrader::app {

// Writes `text` next to `path` and renames it into place, so a failed run never leaves half a
// file behind. kIo names the path.
core::Status write_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace sigtrader::app
