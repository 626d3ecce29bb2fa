#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include "backtest_test_support.hpp"
#include "engine/backtest_report_html.hpp"
#include "engine/backtest_report_json.hpp"

namespace sigtrader::engine {
namespace {

using testing::feed;
using testing::hourly;

std::vector<market::Candle> zigzag() {
  std::vector<testing::Ohlc> rows;
  static const char* closes[] = {"100", "101", "103", "106", "104", "101", "97",
                                 "95",  "96",  "99",  "103", "108", "110", "107",
                                 "103", "100", "98",  "99",  "102", "105"};
  for (const char* close : closes)
    rows.push_back({close, close, close, close});
  return hourly(rows);
}

BacktestConfig ema_config() {
  BacktestConfig config = testing::plain_config();
  config.fee_rate = core::Decimal::parse("0.001");
  config.maker_fee_rate = config.fee_rate;
  config.strategy_name = "ema_cross";
  config.parameters.set("fast", std::int64_t{2});
  config.parameters.set("slow", std::int64_t{4});
  return config;
}

TEST(BacktestReport, TheSameInputsGiveTheSameBytes) {
  const auto candles = zigzag();
  auto first = run_backtest(ema_config(), feed(candles));
  auto second = run_backtest(ema_config(), feed(candles));
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_GE(first->trades.size(), 2u);
  EXPECT_EQ(backtest_report_text(ema_config(), *first),
            backtest_report_text(ema_config(), *second));
}

TEST(BacktestReport, JsonHoldsConfigTradesEquityAndMetrics) {
  const auto candles = zigzag();
  auto result = run_backtest(ema_config(), feed(candles));
  ASSERT_TRUE(result.ok());
  const auto json = boost::json::parse(backtest_report_text(ema_config(), *result)).as_object();
  EXPECT_EQ(json.at("config").at("strategy").at("name").as_string(), "ema_cross");
  EXPECT_EQ(json.at("config").at("strategy").at("params").at("fast").as_int64(), 2);
  EXPECT_EQ(json.at("config").at("fee_rate").as_string(), "0.001");
  const auto& trades = json.at("trades").as_array();
  ASSERT_EQ(trades.size(), result->trades.size());
  const auto& trade = trades[0].as_object();
  for (const char* key : {"entry_time", "entry_price", "exit_time", "exit_price", "quantity",
                          "fees", "slippage", "pnl", "exit_reason", "closed_at_end"}) {
    EXPECT_TRUE(trade.contains(key)) << key;
  }
  EXPECT_EQ(json.at("equity").as_array().size(), candles.size());
  EXPECT_TRUE(json.at("metrics").as_object().contains("sharpe"));
  EXPECT_EQ(json.at("summary").at("candles").to_number<std::size_t>(), candles.size());
}

TEST(BacktestReport, HtmlIsSelfContainedWithChartsAndAMarkerPerEntryAndExit) {
  const auto candles = zigzag();
  auto result = run_backtest(ema_config(), feed(candles));
  ASSERT_TRUE(result.ok());
  const std::string html =
      backtest_report_html(ema_config(), *result, {std::span<const market::Candle>(candles)});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no external files
  EXPECT_NE(html.find("id=\"equity\""), std::string::npos);
  EXPECT_NE(html.find("id=\"drawdown\""), std::string::npos);
  std::size_t markers = 0;
  for (std::size_t at = html.find("class=\"marker\""); at != std::string::npos;
       at = html.find("class=\"marker\"", at + 1)) {
    ++markers;
  }
  EXPECT_EQ(markers, 2 * result->trades.size());
}

}  // namespace
}  // namespace sigtrader::engine
