#pragma once

#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace sigtrader::core {

// Reads a whole file as bytes. A failure's message is only the reason ("No such file or
// directory", "is a directory", "read failed") for the caller to put after the path and what it
// expected there; the code is kNotFound when the file does not exist, else kIo.
Result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace sigtrader::core
