#include "analytics/metrics_json.hpp"

#include <limits>
#include <string>

#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

using core::Duration;
using core::Timestamp;

TEST(MetricsJson, WritesEveryMetricUnderItsSnakeCaseName) {
  const PerformanceMetrics metrics;
  const boost::json::object json = to_json(metrics);
  for (const char* key : {"net_profit",
                          "total_return",
                          "cagr",
                          "annualized_volatility",
                          "sharpe",
                          "sortino",
                          "calmar",
                          "value_at_risk_95",
                          "conditional_value_at_risk_95",
                          "max_drawdown",
                          "max_drawdown_money",
                          "max_drawdown_duration_seconds",
                          "ulcer_index",
                          "recovery_factor",
                          "trade_count",
                          "winning_trades",
                          "losing_trades",
                          "win_rate",
                          "profit_factor",
                          "expectancy",
                          "payoff_ratio",
                          "average_win",
                          "average_loss",
                          "largest_win",
                          "largest_loss",
                          "max_consecutive_wins",
                          "max_consecutive_losses",
                          "exposure_time",
                          "average_trade_duration_seconds",
                          "trades_per_day",
                          "total_fees",
                          "total_slippage",
                          "kelly_fraction",
                          "sqn",
                          "best_day",
                          "worst_day"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json.size(), 36u);
}

TEST(MetricsJson, WritesNumbersDurationsInSecondsAndDaysAsDates) {
  PerformanceMetrics metrics;
  metrics.total_return = 0.21;
  metrics.trade_count = 3;
  metrics.max_drawdown_duration = Duration::hours(2);  // 7200 s
  metrics.best_day = DayReturn{Timestamp::from_seconds(1'704'067'200), 0.05};
  const boost::json::object json = to_json(metrics);
  EXPECT_DOUBLE_EQ(json.at("total_return").as_double(), 0.21);
  EXPECT_EQ(json.at("trade_count").as_uint64(), 3u);
  EXPECT_DOUBLE_EQ(json.at("max_drawdown_duration_seconds").as_double(), 7200.0);
  EXPECT_EQ(json.at("best_day").as_object().at("date").as_string(), "2024-01-01");
  EXPECT_DOUBLE_EQ(json.at("best_day").as_object().at("return").as_double(), 0.05);
  EXPECT_TRUE(json.at("worst_day").is_null());
}

TEST(MetricsJson, WritesNanAndInfinityAsNull) {
  PerformanceMetrics metrics;
  metrics.sharpe = std::numeric_limits<double>::quiet_NaN();
  metrics.profit_factor = std::numeric_limits<double>::infinity();
  metrics.calmar = -std::numeric_limits<double>::infinity();
  const boost::json::object json = to_json(metrics);
  EXPECT_TRUE(json.at("sharpe").is_null());
  EXPECT_TRUE(json.at("profit_factor").is_null());
  EXPECT_TRUE(json.at("calmar").is_null());
  // The whole object serialises as valid JSON (no bare nan/inf tokens).
  const std::string text = boost::json::serialize(json);
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("inf"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::analytics
