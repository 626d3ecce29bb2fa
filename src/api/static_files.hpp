#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "net/server_types.hpp"

namespace sigtrader::api {

// The dashboard's built files (web/dist) under a root folder: "/" is index.html, anything else
// a file below the root. Paths that try to leave the root (.., encoded or not, backslashes, NUL,
// symbolic links out of it) are refused with 400; a missing file is nullopt (the caller's 404).
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);

  bool available() const { return !root_.empty(); }
  // GET or HEAD of `path` (still percent-encoded, without the query).
  std::optional<net::ServerResponse> serve(std::string_view path) const;

 private:
  std::filesystem::path root_;  // canonical; empty when the folder does not exist
};

std::string_view content_type_for(const std::filesystem::path& file);

}  // namespace sigtrader::api
