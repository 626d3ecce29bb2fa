#include "analytics/trade_stats.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::analytics {
namespace {

using core::Duration;
using core::Timestamp;

const Timestamp kStart = Timestamp::from_seconds(1'704'067'200);

// The i-th trade opens at 10 h x i and lasts i + 1 hours, so exits come in index order.
ClosedTrade trade(int index, double pnl, std::optional<double> r_multiple = std::nullopt) {
  const Timestamp entry = kStart + Duration::hours(10 * index);
  return {entry, entry + Duration::hours(index + 1), pnl, pnl / 1000.0, 1.0, 0.5, r_multiple};
}

// Six trades by exit time: +30, +20, +10, -10, -20, +5, handed over out of order.
std::vector<ClosedTrade> six_trades() {
  return {trade(3, -10), trade(0, 30), trade(5, 5), trade(1, 20), trade(4, -20), trade(2, 10)};
}

TEST(TradeStats, CountsWinsAndLossesIntoTheWinRate) {
  // 4 winners (30, 20, 10, 5) and 2 losers (-10, -20) of 6: 4 / 6 = 0.666667.
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_EQ(stats.trade_count, 6u);
  EXPECT_EQ(stats.winning_trades, 4u);
  EXPECT_EQ(stats.losing_trades, 2u);
  EXPECT_NEAR(stats.win_rate, 0.666667, 1e-6);
}

TEST(TradeStats, DividesGrossProfitByGrossLossForTheProfitFactor) {
  // Gross profit 30 + 20 + 10 + 5 = 65; gross loss -30; 65 / 30 = 2.166667.
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_NEAR(stats.gross_profit, 65.0, 1e-12);
  EXPECT_NEAR(stats.gross_loss, -30.0, 1e-12);
  EXPECT_NEAR(stats.profit_factor, 2.166667, 1e-6);
}

TEST(TradeStats, AveragesPnlPerTradeForTheExpectancy) {
  // (65 - 30) / 6 = 5.833333.
  EXPECT_NEAR(compute_trade_stats(six_trades(), Duration::days(3)).expectancy, 5.833333, 1e-6);
}

TEST(TradeStats, ComparesTheAverageWinWithTheAverageLoss) {
  // Average win 65 / 4 = 16.25; average loss -30 / 2 = -15; payoff 16.25 / 15 = 1.083333.
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_NEAR(stats.average_win, 16.25, 1e-12);
  EXPECT_NEAR(stats.average_loss, -15.0, 1e-12);
  EXPECT_NEAR(stats.payoff_ratio, 1.083333, 1e-6);
}

TEST(TradeStats, ReportsTheLargestWinAndLoss) {
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_DOUBLE_EQ(stats.largest_win, 30.0);
  EXPECT_DOUBLE_EQ(stats.largest_loss, -20.0);
}

TEST(TradeStats, CountsStreaksInExitTimeOrder) {
  // By exit: W W W L L W -> 3 wins in a row, then 2 losses.
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_EQ(stats.max_consecutive_wins, 3u);
  EXPECT_EQ(stats.max_consecutive_losses, 2u);
}

TEST(TradeStats, AveragesDurationAndCountsTradesPerDay) {
  // Durations 1..6 h: 21 h / 6 = 3.5 h. Six trades over a 3-day curve: 2 per day.
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_EQ(stats.average_duration, Duration::minutes(210));
  EXPECT_NEAR(stats.trades_per_day, 2.0, 1e-12);
}

TEST(TradeStats, SumsFeesAndSlippage) {
  // 6 x 1.0 in fees and 6 x 0.5 in slippage.
  const TradeStats stats = compute_trade_stats(six_trades(), Duration::days(3));
  EXPECT_NEAR(stats.total_fees, 6.0, 1e-12);
  EXPECT_NEAR(stats.total_slippage, 3.0, 1e-12);
}

TEST(TradeStats, SizesTheKellyFractionFromWinRateAndPayoff) {
  // W - (1 - W) / R = 2/3 - (1/3) / (13/12) = 2/3 - 4/13 = 0.358974.
  EXPECT_NEAR(compute_trade_stats(six_trades(), Duration::days(3)).kelly_fraction, 0.358974, 1e-6);
}

TEST(TradeStats, ComputesTheSqnFromPnlWhenTradesLackRMultiples) {
  // Mean pnl 5.833333; squared deviations sum to 1720.8333, / 5 = 344.1667, sd = 18.551729;
  // sqrt(6) x 5.833333 / 18.551729 = 2.449490 x 0.314436 = 0.770208.
  EXPECT_NEAR(compute_trade_stats(six_trades(), Duration::days(3)).sqn, 0.770208, 1e-6);
}

TEST(TradeStats, ComputesTheSqnFromRMultiplesWhenEveryTradeHasOne) {
  // R: 3, 1, 0.5, -1, -1, 0.25. Mean 2.75 / 6 = 0.458333; squared deviations sum to 11.052083,
  // / 5 = 2.210417, sd = 1.486747; sqrt(6) x 0.458333 / 1.486747 = 0.755127.
  const std::vector<ClosedTrade> trades{trade(0, 30, 3.0),   trade(1, 20, 1.0),
                                        trade(2, 10, 0.5),   trade(3, -10, -1.0),
                                        trade(4, -20, -1.0), trade(5, 5, 0.25)};
  EXPECT_NEAR(compute_trade_stats(trades, Duration::days(3)).sqn, 0.755127, 1e-6);
}

TEST(TradeStats, TreatsABreakEvenTradeAsNeitherWinNorLossAndAsAStreakBreaker) {
  // +10, 0, +10: 2 wins of 3 trades, longest winning streak 1, no losses.
  const std::vector<ClosedTrade> trades{trade(0, 10), trade(1, 0), trade(2, 10)};
  const TradeStats stats = compute_trade_stats(trades, Duration::days(1));
  EXPECT_EQ(stats.winning_trades, 2u);
  EXPECT_EQ(stats.losing_trades, 0u);
  EXPECT_NEAR(stats.win_rate, 0.666667, 1e-6);
  EXPECT_EQ(stats.max_consecutive_wins, 1u);
  EXPECT_EQ(stats.max_consecutive_losses, 0u);
}

TEST(TradeStats, IsUnboundedWhereThereAreNoLosingTrades) {
  // Profit factor and payoff are +inf; Kelly then reduces to W = 1; no loss to report.
  const std::vector<ClosedTrade> trades{trade(0, 10), trade(1, 30)};
  const TradeStats stats = compute_trade_stats(trades, Duration::days(1));
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(stats.profit_factor, inf);
  EXPECT_EQ(stats.payoff_ratio, inf);
  EXPECT_DOUBLE_EQ(stats.kelly_fraction, 1.0);
  EXPECT_TRUE(std::isnan(stats.average_loss));
  EXPECT_TRUE(std::isnan(stats.largest_loss));
}

TEST(TradeStats, GivesZeroPayoffAndNoKellyWithOnlyLosingTrades) {
  // -5 and -15: profit factor 0 / 20 = 0, payoff 0, Kelly undefined (no win to size from).
  const std::vector<ClosedTrade> trades{trade(0, -5), trade(1, -15)};
  const TradeStats stats = compute_trade_stats(trades, Duration::days(1));
  EXPECT_DOUBLE_EQ(stats.profit_factor, 0.0);
  EXPECT_DOUBLE_EQ(stats.payoff_ratio, 0.0);
  EXPECT_DOUBLE_EQ(stats.win_rate, 0.0);
  EXPECT_TRUE(std::isnan(stats.kelly_fraction));
  EXPECT_TRUE(std::isnan(stats.average_win));
  EXPECT_EQ(stats.max_consecutive_losses, 2u);
}

TEST(TradeStats, LeavesTheSqnUndefinedForASingleTrade) {
  const std::vector<ClosedTrade> trades{trade(0, 10)};
  const TradeStats stats = compute_trade_stats(trades, Duration::days(1));
  EXPECT_DOUBLE_EQ(stats.win_rate, 1.0);
  EXPECT_DOUBLE_EQ(stats.expectancy, 10.0);
  EXPECT_TRUE(std::isnan(stats.sqn));
  EXPECT_EQ(stats.average_duration, Duration::hours(1));
}

TEST(TradeStats, IsZeroOrUndefinedWithNoTrades) {
  const TradeStats stats = compute_trade_stats({}, Duration::days(1));
  EXPECT_EQ(stats.trade_count, 0u);
  EXPECT_TRUE(std::isnan(stats.win_rate));
  EXPECT_TRUE(std::isnan(stats.profit_factor));
  EXPECT_TRUE(std::isnan(stats.expectancy));
  EXPECT_TRUE(std::isnan(stats.payoff_ratio));
  EXPECT_TRUE(std::isnan(stats.kelly_fraction));
  EXPECT_TRUE(std::isnan(stats.sqn));
  EXPECT_EQ(stats.trades_per_day, 0.0);
  EXPECT_EQ(stats.average_duration, Duration{});
  EXPECT_EQ(stats.total_fees, 0.0);
}

TEST(TradeStats, LeavesTradesPerDayUndefinedOverAZeroSpan) {
  const std::vector<ClosedTrade> trades{trade(0, 10)};
  EXPECT_TRUE(std::isnan(compute_trade_stats(trades, Duration{}).trades_per_day));
}

}  // namespace
}  // namespace sigtrader::analytics
