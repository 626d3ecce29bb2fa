// No lookahead: a strategy sees a candle only once it has closed, and only through on_candle()
// and history(); `check_lookahead` catches a strategy that gets at future data anyway.
#include <memory>
#include <type_traits>

#include <gtest/gtest.h>

#include "backtest_test_support.hpp"
#include "engine/backtest_engine.hpp"
#include "engine/lookahead_check.hpp"

namespace sigtrader::engine {
namespace {

using testing::feed;
using testing::hourly;
using testing::plain_config;

std::vector<market::Candle> rising_and_falling() {
  std::vector<testing::Ohlc> rows;
  static const char* closes[] = {"100", "101", "102", "103", "102", "101", "100", "99",
                                 "98",  "99",  "100", "101", "102", "103", "104", "103"};
  for (const char* close : closes)
    rows.push_back({close, close, close, close});
  return hourly(rows);
}

// The context a strategy gets has nothing that hands out a series, an index or the next candle:
// only the closed candles delivered so far.
template <typename T>
concept CanPeek = requires(T& context) {
  context.next_candle(0);
}
|| requires(T& context) {
  context.candles(0);
}
|| requires(T& context) {
  context.series(0);
};
static_assert(!CanPeek<strategy::StrategyContext>);
static_assert(std::is_same_v<decltype(std::declval<const strategy::StrategyContext&>().history(0)),
                             std::span<const market::Candle>>);

TEST(NoLookahead, EveryCandleAStrategySeesHasClosed) {
  int calls = 0;
  testing::Scripted strategy([&calls](strategy::StrategyContext& context, int) {
    ++calls;
    const auto history = context.history(0);
    ASSERT_FALSE(history.empty());
    for (const market::Candle& candle : history) {
      EXPECT_LE(candle.close_time(core::Duration::hours(1)), context.now());
    }
    EXPECT_EQ(history.back().close_time(core::Duration::hours(1)), context.now());
  });
  const auto candles = rising_and_falling();
  auto result = run_backtest(plain_config(), strategy, feed(candles));
  ASSERT_TRUE(result.ok()) << result.error().message();
  EXPECT_EQ(calls, static_cast<int>(candles.size()));
}

BacktestConfig ema_config() {
  BacktestConfig config = plain_config();
  config.strategy_name = "ema_cross";
  config.parameters.set("fast", std::int64_t{2});
  config.parameters.set("slow", std::int64_t{4});
  return config;
}

std::vector<MarketFeed> cut_feed(const std::vector<market::Candle>& candles,
                                 std::optional<core::Timestamp> cut) {
  std::vector<MarketFeed> feeds;
  feeds.push_back(MarketFeed{std::make_unique<market::SpanCandleSource>(
                                 candles, core::Duration::hours(1), std::nullopt, cut),
                             nullptr,
                             {}});
  return feeds;
}

TEST(CheckLookahead, FindsNothingForEmaCross) {
  const auto candles = rising_and_falling();
  auto full = run_backtest(ema_config(), feed(candles));
  ASSERT_TRUE(full.ok()) << full.error().message();
  ASSERT_FALSE(full->decisions.empty());
  auto report = check_lookahead(
      ema_config(), *full,
      [&](core::Timestamp cut) { return run_backtest(ema_config(), cut_feed(candles, cut)); }, 5);
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_EQ(report->runs.size(), 5u);
  EXPECT_TRUE(report->clean());
}

// A strategy with a lookahead bug: it was handed the loaded data (as a batch indicator over the
// whole file would be) and buys before every rise. Cut the data and its last decisions change,
// which the check reports.
class Clairvoyant final : public strategy::Strategy {
 public:
  explicit Clairvoyant(std::span<const market::Candle> data) : data_(data) {}
  std::string_view name() const override { return "clairvoyant"; }
  void on_candle(strategy::StrategyContext& context, std::size_t, const market::Candle&) override {
    const std::size_t next = ++seen_;
    if (next >= data_.size() || context.has_pending_order(0)) return;
    const bool rises = data_[next].close > data_[next - 1].close;
    const execution::Position* position = context.position(0);
    const bool is_long = position != nullptr && position->is_long();
    if (rises && !is_long) {
      (void)context.enter(0, core::PositionSide::kLong, {}, core::Quantity::parse("1"));
    } else if (!rises && is_long) {
      (void)context.exit(0, "peek");
    }
  }

 private:
  std::span<const market::Candle> data_;
  std::size_t seen_ = 0;
};

TEST(CheckLookahead, CatchesAStrategyThatReadsTheFuture) {
  const auto candles = rising_and_falling();
  Clairvoyant cheat(candles);
  auto full = run_backtest(plain_config(), cheat, feed(candles));
  ASSERT_TRUE(full.ok()) << full.error().message();
  auto report = check_lookahead(
      plain_config(), *full,
      [&](core::Timestamp cut) {
        std::size_t kept = 0;
        while (kept < candles.size() && candles[kept].open_time < cut)
          ++kept;
        Clairvoyant again(std::span<const market::Candle>(candles).first(kept));
        return run_backtest(plain_config(), again, cut_feed(candles, cut));
      },
      5);
  ASSERT_TRUE(report.ok()) << report.error().message();
  EXPECT_FALSE(report->clean());
}

}  // namespace
}  // namespace sigtrader::engine
