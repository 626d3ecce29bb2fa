#include "app/api_backtest_runner.hpp"

#include <fmt/format.h>

#include "analytics/metrics_json.hpp"
#include "app/market_feeds.hpp"
#include "app/paper_run.hpp"
#include "core/paths.hpp"
#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"

namespace sigtrader::app {
namespace {

using boost::json::array;
using boost::json::object;

core::Status check_inside(const std::filesystem::path& file, const std::filesystem::path& root) {
  std::error_code error;
  const auto resolved = std::filesystem::weakly_canonical(file, error);
  const auto base = std::filesystem::weakly_canonical(root, error);
  if (error || !core::is_within(resolved, base)) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("data file '{}' is outside the server's data folder",
                                   file.filename().string()));
  }
  return {};
}

core::Status check_paths(const engine::BacktestConfig& config, const std::filesystem::path& root) {
  for (const engine::MarketConfig& market : config.markets) {
    SIGTRADER_RETURN_IF_ERROR(check_inside(market.data, root));
    if (market.detail_data) SIGTRADER_RETURN_IF_ERROR(check_inside(*market.detail_data, root));
    if (market.funding) SIGTRADER_RETURN_IF_ERROR(check_inside(*market.funding, root));
  }
  return {};
}

array candles_json(const market::CandleSeries& series) {
  array out;
  const std::size_t count = series.candles.size();
  const std::size_t keep = std::min(count, kReportCandles);
  for (std::size_t j = 0; j < keep; ++j) {
    // Evenly spaced, the last always kept.
    const std::size_t i = keep == 1 ? count - 1 : j * (count - 1) / (keep - 1);
    const market::Candle& candle = series.candles[i];
    out.push_back(object{{"ts", candle.open_time.ms()},
                         {"open", candle.open.to_string()},
                         {"high", candle.high.to_string()},
                         {"low", candle.low.to_string()},
                         {"close", candle.close.to_string()}});
  }
  return out;
}

api::BacktestOutcome outcome_of(const PaperSetup& setup, const engine::BacktestResult& result) {
  array equity;
  for (const analytics::EquityPoint& point : result.equity)
    equity.push_back(object{{"ts", point.ts.ms()}, {"equity", point.equity}});
  array trades;
  for (const engine::TradeRecord& trade : result.trades) {
    const bool is_long = trade.side == core::PositionSide::kLong;
    trades.push_back(object{{"ts", trade.entry_time.ms()},
                            {"side", is_long ? "buy" : "sell"},
                            {"price", trade.entry_price.to_string()},
                            {"symbol", trade.symbol.to_string()}});
    trades.push_back(object{{"ts", trade.exit_time.ms()},
                            {"side", is_long ? "sell" : "buy"},
                            {"price", trade.exit_price.to_string()},
                            {"symbol", trade.symbol.to_string()}});
  }
  object metrics = analytics::to_json(result.metrics);
  return api::BacktestOutcome{
      .metrics = metrics,
      .report = object{{"metrics", metrics},
                       {"equity", equity},
                       {"candles",
                        setup.markets.empty() ? array{} : candles_json(setup.markets[0].candles)},
                       {"trades", trades}},
  };
}

}  // namespace

api::BacktestRunner make_backtest_runner(std::filesystem::path data_dir) {
  return [data_dir =
              std::move(data_dir)](const std::string& toml) -> core::Result<api::BacktestOutcome> {
    SIGTRADER_TRY(engine::BacktestConfig config,
                  engine::parse_backtest_config(toml, "the posted config", data_dir));
    SIGTRADER_RETURN_IF_ERROR(check_paths(config, data_dir));
    SIGTRADER_TRY(const PaperSetup setup, load_setup_data(std::move(config), "backtest"));
    SIGTRADER_TRY(const engine::BacktestResult result,
                  engine::run_backtest(setup.backtest, make_feeds(setup.backtest, setup.markets)));
    return outcome_of(setup, result);
  };
}

}  // namespace sigtrader::app
