#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "adapters/binance/kline_rows.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::adapters::binance {

// Where an existing kline CSV file left off.
struct KlineFileState {
  std::optional<core::Timestamp> last_open_time;  // of the last complete row; none for no rows
  bool cut_partial_line = false;  // a line without its newline (an interrupted write) was removed
};

// Readies `path` for appending: a missing file is fine (no rows); a last line without a newline
// is cut off; the last complete line must be a kline row (its first field an epoch time in ms or
// µs) or a header, else kInvalidArgument naming the file, so that a download never appends to a
// file of something else.
core::Result<KlineFileState> prepare_kline_file(const std::filesystem::path& path);

// Appends whole pages of rows, each page in one write followed by a flush, so that an
// interruption between pages leaves only complete rows.
class KlineCsvAppender {
 public:
  static core::Result<KlineCsvAppender> open(const std::filesystem::path& path);
  core::Status append(const std::vector<KlineRow>& rows);

 private:
  explicit KlineCsvAppender(std::filesystem::path path);
  std::filesystem::path path_;
  std::ofstream out_;
};

}  // namespace sigtrader::adapters::binance
