// `sigtrader indicators --data FILE --spec rsi:14 [--spec ...] [--format csv|json] [--output F]`:
// computes indicators over a candle file and writes the input timestamps with one column per
// output, empty (CSV) or null (JSON) during each column's lookback.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "app/atomic_file.hpp"
#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "market/candle_loader.hpp"
#include "market/indicators/compute_indicator.hpp"

namespace sigtrader::app {

namespace {

namespace indicators = market::indicators;

struct IndicatorsOptions {
  std::string data_file;
  std::vector<std::string> specs;
  std::string format = "csv";
  std::string output;  // empty: stdout
};

struct Table {
  std::vector<std::int64_t> time_ns;
  std::vector<std::string> columns;
  std::vector<std::vector<double>> values;  // one vector per column
};

std::string csv_text(const Table& table) {
  std::string out = "timestamp";
  for (const auto& column : table.columns)
    out += "," + column;
  out += '\n';
  for (std::size_t row = 0; row < table.time_ns.size(); ++row) {
    out += core::Timestamp::from_ns(table.time_ns[row]).to_iso8601();
    for (const auto& column : table.values) {
      out += ',';
      // Shortest text that reads back as the same double.
      if (!std::isnan(column[row])) out += fmt::format("{}", column[row]);
    }
    out += '\n';
  }
  return out;
}

std::string json_text(const Table& table) {
  boost::json::array rows;
  rows.reserve(table.time_ns.size());
  for (std::size_t row = 0; row < table.time_ns.size(); ++row) {
    boost::json::object line;
    line["timestamp"] = core::Timestamp::from_ns(table.time_ns[row]).to_iso8601();
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const double value = table.values[c][row];
      line[table.columns[c]] = std::isfinite(value) ? boost::json::value(value) : nullptr;
    }
    rows.push_back(std::move(line));
  }
  boost::json::array columns;
  for (const auto& column : table.columns)
    columns.emplace_back(column);
  return boost::json::serialize(
             boost::json::object{{"columns", std::move(columns)}, {"rows", std::move(rows)}}) +
         "\n";
}

int run_indicators(const IndicatorsOptions& options) {
  // Specs first: a typo is a usage error and should not wait for a large file to load.
  std::vector<indicators::IndicatorSpec> specs;
  for (const auto& text : options.specs) {
    auto spec = indicators::parse_indicator_spec(text);
    if (!spec.ok()) {
      report_error("indicators", spec.error());
      return kExitUsage;
    }
    specs.push_back(std::move(spec).value());
  }
  auto series = market::load_candles(options.data_file);
  if (!series.ok()) return report_error("indicators", series.error());
  const market::CandleColumns columns = series->to_columns();
  const indicators::OhlcvSpans input{columns.open,  columns.high,   columns.low,
                                     columns.close, columns.volume, columns.open_time_ns};

  Table table;
  table.time_ns = columns.open_time_ns;
  for (const auto& spec : specs) {
    auto outputs = indicators::compute_indicator(spec, input);
    if (!outputs.ok()) return report_error("indicators", outputs.error());
    table.columns.insert(table.columns.end(), spec.columns.begin(), spec.columns.end());
    for (auto& column : *outputs)
      table.values.push_back(std::move(column));
  }
  const std::string text = options.format == "json" ? json_text(table) : csv_text(table);
  if (options.output.empty()) {
    std::cout << text;
    return kExitOk;
  }
  if (auto written = write_atomically(options.output, text); !written.ok()) {
    return report_error("indicators", written.error());
  }
  return kExitOk;
}

}  // namespace

void register_indicators_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<IndicatorsOptions>();
  CLI::App* command = app.add_subcommand(
      "indicators",
      "Compute indicators over a candle file (Binance CSV, freqtrade JSON or plain CSV)");
  command->add_option("--data", options->data_file, "Candle file")->required()->type_name("FILE");
  command
      ->add_option("--spec", options->specs,
                   "Indicator, repeatable: sma:20 ema:21 wma:10 dema:20 tema:20 rsi:14 "
                   "macd:12:26:9 bb:20:2 atr:14 stoch:14:3:3 willr:14 donchian:20 roc:10 obv "
                   "adx:14 cci:20 mfi:14 keltner:20:2:10 stochrsi:14:3:3 supertrend:10:3 vwap "
                   "ichimoku:9:26:52")
      ->required()
      ->type_name("SPEC");
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"csv", "json"}))
      ->type_name("csv|json");
  command->add_option("--output", options->output, "Write to FILE instead of stdout")
      ->type_name("FILE");
  command->callback(
      [&context, options] { context.action = [options] { return run_indicators(*options); }; });
}

}  // namespace sigtrader::app
