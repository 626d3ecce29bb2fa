#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "market/candle.hpp"

namespace sigtrader::market {

// A gap between two consecutive candles: `missing` candles of the series' timeframe should have
// opened between `after` and `before`. `line` is where the candle after the gap was read.
struct DataGap {
  core::Timestamp after;
  core::Timestamp before;
  std::int64_t missing = 0;
  std::int64_t line = 0;  // 0 when the series was computed, not read (resampling)
};

// A row that was skipped: where it was and why.
struct BadRow {
  std::int64_t line = 0;
  std::string reason;
};

// What was wrong with the data behind a series. Counts are complete; the vectors keep only the
// first kMaxExamples occurrences, in the order they were found, so a huge broken file stays cheap.
struct DataReport {
  static constexpr std::size_t kMaxExamples = 5;

  // "line" for text files; "row" for formats without meaningful lines (freqtrade JSON, where the
  // number is the 1-based position of the row in the array).
  std::string location = "line";

  std::int64_t gap_count = 0;
  std::int64_t missing_candles = 0;
  std::vector<DataGap> gaps;

  std::int64_t duplicate_count = 0;  // rows whose open time an earlier row already had
  std::vector<std::int64_t> duplicate_lines;

  std::int64_t out_of_order_count = 0;  // rows opening before a row read earlier
  std::vector<std::int64_t> out_of_order_lines;

  std::int64_t bad_row_count = 0;  // rows that could not be read or are inconsistent (low > high)
  std::vector<BadRow> bad_rows;

  // Resampling only: output candles built from fewer source candles than the bucket holds.
  std::int64_t incomplete_buckets = 0;

  bool clean() const {
    return gap_count == 0 && duplicate_count == 0 && out_of_order_count == 0 &&
           bad_row_count == 0 && incomplete_buckets == 0;
  }
};

// The same candles as parallel arrays of doubles, built once for indicators, which work on
// contiguous doubles.
struct CandleColumns {
  std::vector<std::int64_t> open_time_ns;
  std::vector<double> open;
  std::vector<double> high;
  std::vector<double> low;
  std::vector<double> close;
  std::vector<double> volume;

  std::size_t size() const { return open_time_ns.size(); }
};

// Candles of one market, sorted by open time with unique open times, and a report of what was
// wrong with the data they came from.
struct CandleSeries {
  std::string source;                 // the file it was read from, for messages
  std::optional<std::string> symbol;  // when the file name or content says it
  // The most common spacing between consecutive candles (the smaller one on a tie); with fewer
  // than two candles, what the file name says, else zero.
  core::Duration timeframe;
  std::vector<Candle> candles;
  DataReport report;

  CandleColumns to_columns() const;
};

// Collects the rows a loader reads, then sorts, de-duplicates and reports them.
//
// The choice for duplicates and out-of-order rows: both are reported (count and first line
// numbers), then the candles are sorted by open time (stably, so file order decides among equal
// times) and only the first row read for each open time is kept. Keeping the first means that a
// file appended to by a second download does not silently change candles already read.
class CandleSeriesBuilder {
 public:
  CandleSeriesBuilder(std::string source, std::string location = "line");

  // Adds a parsed row; a candle whose prices are not positive, whose high is below its open, close
  // or low, whose low is above its open or close, or whose volume is negative is a bad row instead.
  void add(std::int64_t line, const Candle& candle);
  void add_bad_row(std::int64_t line, std::string reason);

  // The finished series; an error naming the file (and the first bad row) when no row was valid.
  // `fallback_timeframe` (from the file name, say) is used only when the candles cannot tell.
  core::Result<CandleSeries> finish(
      std::optional<std::string> symbol = std::nullopt,
      std::optional<core::Duration> fallback_timeframe = std::nullopt) &&;

 private:
  struct Row {
    std::int64_t line;
    Candle candle;
  };
  std::string source_;
  DataReport report_;
  std::vector<Row> rows_;
};

// The most common spacing between consecutive open times of sorted candles (smaller on a tie);
// zero for fewer than two candles.
core::Duration infer_timeframe(const std::vector<Candle>& candles);

// Counts the gaps of sorted candles at `timeframe` into `report`; `lines[i]` is where candle i
// was read (empty when computed).
void report_gaps(const std::vector<Candle>& candles, core::Duration timeframe,
                 const std::vector<std::int64_t>& lines, DataReport& report);

}  // namespace sigtrader::market
