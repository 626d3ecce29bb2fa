#include "api/static_files.hpp"

#include <algorithm>
#include <string>
#include <system_error>
#include <utility>

#include "api/api_response.hpp"
#include "core/file_text.hpp"
#include "core/paths.hpp"

namespace sigtrader::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
    i += 2;
  }
  return out;
}

}  // namespace

std::string_view content_type_for(const std::filesystem::path& file) {
  const std::string extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".json" || extension == ".map") return "application/json";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".woff2") return "font/woff2";
  if (extension == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) {
  std::error_code error;
  const auto canonical = std::filesystem::canonical(root, error);
  if (!error && std::filesystem::is_directory(canonical, error)) root_ = canonical;
}

std::optional<net::ServerResponse> StaticFiles::serve(std::string_view path) const {
  if (root_.empty()) return std::nullopt;
  const auto decoded = percent_decode(path);
  if (!decoded || decoded->empty() || decoded->front() != '/' ||
      decoded->find('\0') != std::string::npos || decoded->find('\\') != std::string::npos) {
    return error_response(400, "malformed path");
  }
  std::filesystem::path relative = std::filesystem::path(decoded->substr(1)).lexically_normal();
  for (const auto& part : relative) {
    if (part == "..") return error_response(400, "the path leaves the dashboard's folder");
  }
  if (relative.empty() || relative == ".") relative = "index.html";
  std::error_code error;
  // Canonical resolves symbolic links, so a link out of the root is refused too.
  const auto file = std::filesystem::canonical(root_ / relative, error);
  if (error || !std::filesystem::is_regular_file(file, error)) return std::nullopt;
  if (!core::is_within(file, root_))
    return error_response(400, "the path leaves the dashboard's folder");
  auto body = core::read_whole_file(file);
  if (!body.ok()) return std::nullopt;
  net::ServerResponse response;
  response.body = std::move(*body);
  response.set_header("Content-Type", std::string(content_type_for(file)));
  // Vite names assets by content hash: they never change. index.html must be fetched anew.
  const bool hashed = relative.begin() != relative.end() && *relative.begin() == "assets";
  response.set_header("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

}  // namespace sigtrader::api
