#include "market/candle_series.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace sigtrader::market {

namespace {

// Why a parsed candle cannot be used, or empty when it can.
std::string inconsistency(const Candle& c) {
  if (!c.open.is_positive() || !c.high.is_positive() || !c.low.is_positive() ||
      !c.close.is_positive()) {
    return "prices must be positive";
  }
  if (c.high < c.open || c.high < c.close || c.high < c.low) {
    return fmt::format("high {} is below open, low or close", c.high.to_string());
  }
  if (c.low > c.open || c.low > c.close) {
    return fmt::format("low {} is above open or close", c.low.to_string());
  }
  if (c.volume.is_negative()) return "volume is negative";
  return {};
}

void note_example(std::vector<std::int64_t>& examples, std::int64_t line) {
  if (examples.size() < DataReport::kMaxExamples) examples.push_back(line);
}

}  // namespace

CandleColumns CandleSeries::to_columns() const {
  CandleColumns columns;
  const std::size_t n = candles.size();
  columns.open_time_ns.reserve(n);
  columns.open.reserve(n);
  columns.high.reserve(n);
  columns.low.reserve(n);
  columns.close.reserve(n);
  columns.volume.reserve(n);
  for (const Candle& c : candles) {
    columns.open_time_ns.push_back(c.open_time.ns());
    columns.open.push_back(c.open.to_double());
    columns.high.push_back(c.high.to_double());
    columns.low.push_back(c.low.to_double());
    columns.close.push_back(c.close.to_double());
    columns.volume.push_back(c.volume.to_double());
  }
  return columns;
}

CandleSeriesBuilder::CandleSeriesBuilder(std::string source, std::string location)
    : source_(std::move(source)) {
  report_.location = std::move(location);
}

void CandleSeriesBuilder::add(std::int64_t line, const Candle& candle) {
  std::string reason = inconsistency(candle);
  if (!reason.empty()) {
    add_bad_row(line, std::move(reason));
    return;
  }
  rows_.push_back(Row{line, candle});
}

void CandleSeriesBuilder::add_bad_row(std::int64_t line, std::string reason) {
  ++report_.bad_row_count;
  if (report_.bad_rows.size() < DataReport::kMaxExamples) {
    report_.bad_rows.push_back(BadRow{line, std::move(reason)});
  }
}

core::Result<CandleSeries> CandleSeriesBuilder::finish(
    std::optional<std::string> symbol, std::optional<core::Duration> fallback_timeframe) && {
  if (rows_.empty()) {
    std::string message = fmt::format("{}: no valid candle rows", source_);
    if (!report_.bad_rows.empty()) {
      const BadRow& first = report_.bad_rows.front();
      message += fmt::format(" ({} bad; first at {}:{}: {})", report_.bad_row_count, source_,
                             first.line, first.reason);
    }
    return core::Error(core::ErrorCode::kParse, std::move(message));
  }

  // Out of order: opens before the latest open time read so far. A row repeating an earlier open
  // time is a duplicate, not also out of order.
  std::vector<bool> duplicate(rows_.size(), false);
  {
    std::vector<std::size_t> order(rows_.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return rows_[a].candle.open_time < rows_[b].candle.open_time;
    });
    for (std::size_t k = 1; k < order.size(); ++k) {
      if (rows_[order[k]].candle.open_time == rows_[order[k - 1]].candle.open_time) {
        duplicate[order[k]] = true;
      }
    }
  }
  core::Timestamp latest = rows_.front().candle.open_time;
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    const Row& row = rows_[i];
    if (duplicate[i]) {
      ++report_.duplicate_count;
      note_example(report_.duplicate_lines, row.line);
    } else if (row.candle.open_time < latest) {
      ++report_.out_of_order_count;
      note_example(report_.out_of_order_lines, row.line);
    }
    latest = std::max(latest, row.candle.open_time);
  }

  std::vector<Row> kept;
  kept.reserve(rows_.size() - static_cast<std::size_t>(report_.duplicate_count));
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (!duplicate[i]) kept.push_back(std::move(rows_[i]));
  }
  std::stable_sort(kept.begin(), kept.end(), [](const Row& a, const Row& b) {
    return a.candle.open_time < b.candle.open_time;
  });

  CandleSeries series;
  series.source = std::move(source_);
  series.symbol = std::move(symbol);
  series.candles.reserve(kept.size());
  std::vector<std::int64_t> lines;
  lines.reserve(kept.size());
  for (const Row& row : kept) {
    series.candles.push_back(row.candle);
    lines.push_back(row.line);
  }
  series.timeframe = infer_timeframe(series.candles);
  if (series.timeframe.count_ns() == 0 && fallback_timeframe)
    series.timeframe = *fallback_timeframe;
  series.report = std::move(report_);
  report_gaps(series.candles, series.timeframe, lines, series.report);
  return series;
}

core::Duration infer_timeframe(const std::vector<Candle>& candles) {
  std::map<std::int64_t, std::int64_t> spacing_counts;  // ordered: a tie goes to the smaller
  for (std::size_t i = 1; i < candles.size(); ++i) {
    const std::int64_t spacing = (candles[i].open_time - candles[i - 1].open_time).count_ns();
    if (spacing > 0) ++spacing_counts[spacing];
  }
  std::int64_t best = 0;
  std::int64_t best_count = 0;
  for (const auto& [spacing, count] : spacing_counts) {
    if (count > best_count) {
      best = spacing;
      best_count = count;
    }
  }
  return core::Duration::nanoseconds(best);
}

void report_gaps(const std::vector<Candle>& candles, core::Duration timeframe,
                 const std::vector<std::int64_t>& lines, DataReport& report) {
  if (timeframe.count_ns() <= 0) return;
  for (std::size_t i = 1; i < candles.size(); ++i) {
    const core::Duration spacing = candles[i].open_time - candles[i - 1].open_time;
    if (spacing <= timeframe) continue;
    // A spacing that is not a whole number of timeframes still misses the candles that fit.
    const std::int64_t missing = (spacing.count_ns() - 1) / timeframe.count_ns();
    ++report.gap_count;
    report.missing_candles += missing;
    if (report.gaps.size() < DataReport::kMaxExamples) {
      report.gaps.push_back(DataGap{candles[i - 1].open_time, candles[i].open_time, missing,
                                    i < lines.size() ? lines[i] : 0});
    }
  }
}

}  // namespace sigtrader::market
