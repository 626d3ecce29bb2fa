// `sigtrader data inspect FILE [--json]`: loads a candle file and prints its symbol, timeframe,
// range, count and what was wrong with it (gaps, duplicates, out-of-order and bad rows).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "market/candle_loader.hpp"
#include "market/timeframe.hpp"

namespace sigtrader::app {

namespace {

struct InspectOptions {
  std::string file;
  bool json = false;
};

boost::json::array to_json_array(const std::vector<std::int64_t>& values) {
  boost::json::array array;
  for (const std::int64_t value : values)
    array.push_back(value);
  return array;
}

boost::json::object to_json(const market::CandleSeries& series) {
  const market::DataReport& report = series.report;
  boost::json::array gaps;
  for (const market::DataGap& gap : report.gaps) {
    gaps.push_back(boost::json::object{{"after", gap.after.to_iso8601()},
                                       {"before", gap.before.to_iso8601()},
                                       {"missing", gap.missing},
                                       {report.location, gap.line}});
  }
  boost::json::array bad_rows;
  for (const market::BadRow& row : report.bad_rows) {
    bad_rows.push_back(boost::json::object{{report.location, row.line}, {"reason", row.reason}});
  }
  boost::json::object out{
      {"file", series.source},
      {"timeframe", market::timeframe_to_string(series.timeframe)},
      {"first_open_time", series.candles.front().open_time.to_iso8601()},
      {"last_open_time", series.candles.back().open_time.to_iso8601()},
      {"candles", series.candles.size()},
      {"location", report.location},
      {"gap_count", report.gap_count},
      {"missing_candles", report.missing_candles},
      {"gaps", std::move(gaps)},
      {"duplicate_count", report.duplicate_count},
      {"duplicate_" + report.location + "s", to_json_array(report.duplicate_lines)},
      {"out_of_order_count", report.out_of_order_count},
      {"out_of_order_" + report.location + "s", to_json_array(report.out_of_order_lines)},
      {"bad_row_count", report.bad_row_count},
      {"bad_rows", std::move(bad_rows)},
  };
  out["symbol"] = series.symbol ? boost::json::value(*series.symbol) : boost::json::value(nullptr);
  return out;
}

std::string join_numbers(const std::vector<std::int64_t>& values, std::int64_t total) {
  std::string text;
  for (const std::int64_t value : values) {
    text += text.empty() ? "" : ", ";
    text += std::to_string(value);
  }
  if (total > static_cast<std::int64_t>(values.size())) text += ", ...";
  return text;
}

void print_text(const market::CandleSeries& series) {
  const market::DataReport& report = series.report;
  const std::string& where = report.location;
  std::cout << fmt::format("file:          {}\n", series.source);
  if (series.symbol) std::cout << fmt::format("symbol:        {}\n", *series.symbol);
  std::cout << fmt::format("timeframe:     {}\n",
                           series.timeframe.count_ns() > 0
                               ? market::timeframe_to_string(series.timeframe)
                               : std::string("unknown (one candle)"))
            << fmt::format("first open:    {}\n", series.candles.front().open_time.to_iso8601())
            << fmt::format("last open:     {}\n", series.candles.back().open_time.to_iso8601())
            << fmt::format("candles:       {}\n", series.candles.size())
            << fmt::format("gaps:          {} ({} missing candles)\n", report.gap_count,
                           report.missing_candles);
  for (const market::DataGap& gap : report.gaps) {
    std::cout << fmt::format("  {} missing between {} and {} ({} {})\n", gap.missing,
                             gap.after.to_iso8601(), gap.before.to_iso8601(), where, gap.line);
  }
  if (report.gap_count > static_cast<std::int64_t>(report.gaps.size())) std::cout << "  ...\n";
  std::cout << fmt::format("duplicates:    {}", report.duplicate_count);
  if (report.duplicate_count > 0) {
    std::cout << fmt::format(" ({}s {}; the first row of each open time is kept)", where,
                             join_numbers(report.duplicate_lines, report.duplicate_count));
  }
  std::cout << fmt::format("\nout of order:  {}", report.out_of_order_count);
  if (report.out_of_order_count > 0) {
    std::cout << fmt::format(" ({}s {}; sorted by open time)", where,
                             join_numbers(report.out_of_order_lines, report.out_of_order_count));
  }
  std::cout << fmt::format("\nbad rows:      {}", report.bad_row_count);
  std::cout << (report.bad_row_count > 0 ? " (skipped)\n" : "\n");
  for (const market::BadRow& row : report.bad_rows) {
    std::cout << fmt::format("  {} {}: {}\n", where, row.line, row.reason);
  }
  if (report.bad_row_count > static_cast<std::int64_t>(report.bad_rows.size())) {
    std::cout << "  ...\n";
  }
}

int run_inspect(const InspectOptions& options) {
  auto series = market::load_candles(options.file);
  if (!series.ok()) return report_error("data inspect", series.error());
  if (options.json) {
    std::cout << boost::json::serialize(to_json(*series)) << '\n';
  } else {
    print_text(*series);
  }
  return kExitOk;
}

}  // namespace

void register_data_command(CLI::App& app, CliContext& context) {
  CLI::App* data = app.add_subcommand("data", "Work with candle files");

  auto inspect_options = std::make_shared<InspectOptions>();
  CLI::App* inspect = data->add_subcommand(
      "inspect",
      "Load a candle file (Binance kline CSV, freqtrade JSON or CSV with a header) and report its "
      "range, count, gaps, duplicates, out-of-order and bad rows");
  inspect->add_option("FILE", inspect_options->file, "Candle file")->required();
  inspect->add_flag("--json", inspect_options->json, "Print one JSON object instead of text");
  inspect->callback([&context, inspect_options] {
    context.action = [inspect_options] { return run_inspect(*inspect_options); };
  });

  register_data_download_command(*data, context);
}

}  // namespace sigtrader::app
