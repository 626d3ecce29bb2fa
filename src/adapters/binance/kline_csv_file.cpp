#include "adapters/binance/kline_csv_file.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include <fmt/format.h>

namespace sigtrader::adapters::binance {

namespace {

// Enough to hold the last line of any kline file (a row is about 150 bytes).
constexpr std::int64_t kTailBytes = 64 * 1024;
// Above this an open time is in microseconds (Binance spot public data since 2025).
constexpr std::int64_t kMicrosecondThreshold = 100'000'000'000'000;

core::Error io_error(const std::filesystem::path& path, std::string_view what) {
  return core::Error(core::ErrorCode::kIo, fmt::format("{}: {}", path.string(), what));
}

std::optional<std::int64_t> leading_integer(std::string_view line) {
  const std::string_view field = line.substr(0, line.find(','));
  if (field.empty() || field.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : field) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

core::Result<KlineFileState> prepare_kline_file(const std::filesystem::path& path) {
  KlineFileState state;
  std::error_code error;
  if (!std::filesystem::exists(path, error)) return state;
  const auto size = static_cast<std::int64_t>(std::filesystem::file_size(path, error));
  if (error) return io_error(path, error.message());

  std::ifstream in(path, std::ios::binary);
  if (!in) return io_error(path, std::strerror(errno));
  const std::int64_t start = size > kTailBytes ? size - kTailBytes : 0;
  in.seekg(start);
  std::string tail(static_cast<std::size_t>(size - start), '\0');
  in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  if (!in) return io_error(path, "cannot read the end of the file");
  in.close();

  if (!tail.empty() && tail.back() != '\n') {
    const std::size_t last_newline = tail.rfind('\n');
    if (last_newline == std::string::npos && start > 0) {
      return io_error(path, "the last line is longer than any kline row; not a kline file");
    }
    const std::size_t keep = last_newline == std::string::npos ? 0 : last_newline + 1;
    std::filesystem::resize_file(path, static_cast<std::uintmax_t>(start) + keep, error);
    if (error)
      return io_error(path, fmt::format("cannot cut the partial last line: {}", error.message()));
    tail.resize(keep);
    state.cut_partial_line = true;
  }

  // The last non-blank line of what is left.
  std::string_view text(tail);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  if (text.empty()) return state;
  const std::size_t line_start = text.rfind('\n');
  const std::string_view line =
      line_start == std::string_view::npos ? text : text.substr(line_start + 1);
  const bool first_line = line_start == std::string_view::npos && start == 0;
  const auto open_time = leading_integer(line);
  if (!open_time) {
    if (first_line) return state;  // a header only
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{}: the last line does not start with an open time; not a "
                                   "Binance kline file, refusing to append to it",
                                   path.string()));
  }
  state.last_open_time = *open_time > kMicrosecondThreshold
                             ? core::Timestamp::from_ns(*open_time * 1'000)
                             : core::Timestamp::from_ms(*open_time);
  return state;
}

KlineCsvAppender::KlineCsvAppender(std::filesystem::path path) : path_(std::move(path)) {}

core::Result<KlineCsvAppender> KlineCsvAppender::open(const std::filesystem::path& path) {
  KlineCsvAppender appender(path);
  appender.out_.open(path, std::ios::binary | std::ios::app);
  if (!appender.out_) return io_error(path, fmt::format("cannot open: {}", std::strerror(errno)));
  return appender;
}

core::Status KlineCsvAppender::append(const std::vector<KlineRow>& rows) {
  std::string page;
  for (const KlineRow& row : rows) {
    page += row.csv_line;
    page.push_back('\n');
  }
  out_.write(page.data(), static_cast<std::streamsize>(page.size()));
  out_.flush();
  if (!out_) return io_error(path_, fmt::format("cannot write: {}", std::strerror(errno)));
  return {};
}

}  // namespace sigtrader::adapters::binance
