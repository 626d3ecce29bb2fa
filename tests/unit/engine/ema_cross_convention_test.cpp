// The README's ema_cross convention, reimplemented here independently of the engine in plain
// integers and doubles, must reproduce the engine's trade list exactly:
//   decide on the close of candle t (fast EMA crossing the slow one, TA-Lib seeding), fill at the
//   open of t+1 moved by the slippage against the taker and rounded to the tick against it,
//   quantity = cash / (fill × (1 + fee)) rounded down to the step, fee = fee_rate × notional on
//   each side (half-even to 1e-8), and a position still open at the end closed at the last close.
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"
#include "market/candle_loader.hpp"
#include "market/candle_source.hpp"

namespace sigtrader::engine {
namespace {

// Prices are whole ticks of 10^-price_digits, quantities whole steps of 10^-(6 − price_digits),
// so that price × quantity is always in units of 10^-6 and cash in units of 10^-8.
struct Bar {
  core::Timestamp open_time;
  std::int64_t open, high, low, close;  // ticks
};

struct ReferenceTrade {
  core::Timestamp entry_time;
  std::int64_t entry_price = 0;  // ticks
  core::Timestamp exit_time;
  std::int64_t exit_price = 0;
  std::int64_t quantity = 0;  // steps
  std::int64_t pnl = 0;       // 10^-8
  bool closed_at_end = false;
};

struct Reference {
  std::vector<ReferenceTrade> trades;
  std::int64_t final_cash = 0;  // 10^-8
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  return -floor_div(-a, b);
}

// Half-even division of a non-negative value.
std::int64_t round_half_even(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  const std::int64_t r = a % b;
  if (2 * r > b || (2 * r == b && q % 2 == 1)) return q + 1;
  return q;
}

// TA-Lib's EMA: the SMA of the first n values, then ema += 2/(n+1) × (x − ema).
std::vector<double> reference_ema(const std::vector<double>& x, std::size_t n) {
  std::vector<double> out(x.size(), std::nan(""));
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (i < n) {
      sum += x[i];
      if (i + 1 == n) out[i] = sum / static_cast<double>(n);
      continue;
    }
    out[i] = out[i - 1] + 2.0 / (static_cast<double>(n) + 1.0) * (x[i] - out[i - 1]);
  }
  return out;
}

// fee = 1/1000, slippage = 10 bps, starting cash 10000.
Reference run_reference(const std::vector<Bar>& bars, int price_digits, std::size_t fast_n,
                        std::size_t slow_n) {
  std::vector<double> close(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    close[i] = static_cast<double>(bars[i].close) / std::pow(10.0, price_digits);
  }
  const std::vector<double> fast = reference_ema(close, fast_n);
  const std::vector<double> slow = reference_ema(close, slow_n);

  Reference ref;
  std::int64_t cash = 10'000'00000000;
  std::int64_t held = 0;  // steps
  enum class Pending { kNone, kBuy, kSell } pending = Pending::kNone;
  ReferenceTrade open;
  std::int64_t entry_cost = 0;  // notional + fee paid, 10^-8
  for (std::size_t t = 0; t < bars.size(); ++t) {
    if (pending == Pending::kBuy) {
      const std::int64_t fill = ceil_div(bars[t].open * 10'010, 10'000);
      const std::int64_t quantity = floor_div(cash * 10, fill * 1001);
      const std::int64_t notional = fill * quantity;  // 10^-6
      const std::int64_t fee = round_half_even(notional, 10);
      cash -= notional * 100 + fee;
      held = quantity;
      open = ReferenceTrade{bars[t].open_time, fill, {}, 0, quantity, 0, false};
      entry_cost = notional * 100 + fee;
    } else if (pending == Pending::kSell) {
      const std::int64_t fill = floor_div(bars[t].open * 9'990, 10'000);
      const std::int64_t notional = fill * held;
      const std::int64_t fee = round_half_even(notional, 10);
      cash += notional * 100 - fee;
      open.exit_time = bars[t].open_time;
      open.exit_price = fill;
      open.pnl = notional * 100 - fee - entry_cost;
      ref.trades.push_back(open);
      held = 0;
    }
    pending = Pending::kNone;
    if (t == 0 || std::isnan(slow[t - 1]) || std::isnan(fast[t - 1])) continue;
    const double previous = fast[t - 1] - slow[t - 1];
    const double spread = fast[t] - slow[t];
    if (previous <= 0 && spread > 0 && held == 0) pending = Pending::kBuy;
    if (previous >= 0 && spread < 0 && held > 0) pending = Pending::kSell;
  }
  if (held > 0) {
    const std::int64_t fill = bars.back().close;
    const std::int64_t notional = fill * held;
    const std::int64_t fee = round_half_even(notional, 10);
    cash += notional * 100 - fee;
    open.exit_time = bars.back().open_time + (bars[1].open_time - bars[0].open_time);
    open.exit_price = fill;
    open.pnl = notional * 100 - fee - entry_cost;
    open.closed_at_end = true;
    ref.trades.push_back(open);
  }
  ref.final_cash = cash;
  return ref;
}

core::Price ticks(std::int64_t value, int digits) {
  return core::Price(core::Decimal::from_mantissa(value, digits).value());
}

std::vector<market::Candle> to_candles(const std::vector<Bar>& bars, int digits) {
  std::vector<market::Candle> candles;
  for (const Bar& bar : bars) {
    market::Candle candle;
    candle.open_time = bar.open_time;
    candle.open = ticks(bar.open, digits);
    candle.high = ticks(bar.high, digits);
    candle.low = ticks(bar.low, digits);
    candle.close = ticks(bar.close, digits);
    candle.volume = core::Quantity::from_int(100);
    candles.push_back(candle);
  }
  return candles;
}

BacktestConfig convention_config(int price_digits, std::int64_t fast, std::int64_t slow) {
  BacktestConfig config;
  MarketConfig market;
  market.instrument.symbol = core::Symbol{"BTC", "USDT"};
  market.instrument.venue = "sim";
  market.instrument.tick_size = ticks(1, price_digits);
  market.instrument.step_size =
      core::Quantity(core::Decimal::from_mantissa(1, 6 - price_digits).value());
  config.markets.push_back(market);
  config.quote_asset = "USDT";
  config.starting_balance = core::Money::from_int(10'000);
  config.fee_rate = core::Decimal::parse("0.001");
  config.maker_fee_rate = config.fee_rate;
  config.slippage_bps = core::Decimal::parse("10");
  config.strategy_name = "ema_cross";
  config.parameters.set("fast", fast);
  config.parameters.set("slow", slow);
  return config;
}

void expect_same_trades(const std::vector<Bar>& bars, int digits, std::int64_t fast,
                        std::int64_t slow) {
  const Reference ref =
      run_reference(bars, digits, static_cast<std::size_t>(fast), static_cast<std::size_t>(slow));
  ASSERT_GE(ref.trades.size(), 3u) << "the data should make the strategy trade";
  const std::vector<market::Candle> candles = to_candles(bars, digits);
  std::vector<MarketFeed> feeds;
  feeds.push_back(MarketFeed{
      std::make_unique<market::SpanCandleSource>(candles, bars[1].open_time - bars[0].open_time),
      nullptr,
      {}});
  auto result = run_backtest(convention_config(digits, fast, slow), std::move(feeds));
  ASSERT_TRUE(result.ok()) << result.error().message();
  ASSERT_EQ(result->trades.size(), ref.trades.size());
  for (std::size_t i = 0; i < ref.trades.size(); ++i) {
    const TradeRecord& got = result->trades[i];
    const ReferenceTrade& want = ref.trades[i];
    SCOPED_TRACE(testing::Message()
                 << "trade " << i << " entered " << want.entry_time.to_iso8601());
    EXPECT_EQ(got.side, core::PositionSide::kLong);
    EXPECT_EQ(got.entry_time, want.entry_time);
    EXPECT_EQ(got.entry_price, ticks(want.entry_price, digits));
    EXPECT_EQ(got.exit_time, want.exit_time);
    EXPECT_EQ(got.exit_price, ticks(want.exit_price, digits));
    EXPECT_EQ(got.quantity,
              core::Quantity(core::Decimal::from_mantissa(want.quantity, 6 - digits).value()));
    EXPECT_EQ(got.pnl, core::Money(core::Decimal::from_mantissa(want.pnl, 8).value()));
    EXPECT_EQ(got.closed_at_end, want.closed_at_end);
    EXPECT_EQ(got.exit_reason, want.closed_at_end ? "end_of_data" : "signal");
  }
  EXPECT_EQ(result->final_equity,
            core::Money(core::Decimal::from_mantissa(ref.final_cash, 8).value()));
}

// A seeded random walk of hourly candles around 20000.00 with swings long enough to cross.
std::vector<Bar> random_walk(std::size_t count) {
  std::uint64_t state = 2024;
  auto next = [&state](std::int64_t range) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(range));
  };
  std::vector<Bar> bars;
  std::int64_t price = 2'000'000;
  std::int64_t drift = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (i % 50 == 0) drift = next(41) - 20;  // regime changes make trends, trends make crosses
    const std::int64_t open = price;
    price = std::max<std::int64_t>(100'000, price + drift * 100 + next(4001) - 2000);
    bars.push_back(
        Bar{core::Timestamp::from_seconds(1'704'067'200 + static_cast<std::int64_t>(i) * 3600),
            open, std::max(open, price) + next(1500),
            std::max<std::int64_t>(1, std::min(open, price) - next(1500)), price});
  }
  return bars;
}

TEST(EmaCrossConvention, AnIndependentReimplementationReproducesTheTradeList) {
  expect_same_trades(random_walk(3000), 2, 5, 20);
}

TEST(EmaCrossConvention, HoldsForOtherPeriods) {
  expect_same_trades(random_walk(1500), 2, 12, 26);
}

// The same on real candles (XRP/USDT 1h, ../shared/data), when the file is there.
TEST(EmaCrossConvention, ReproducesTheTradeListOnRealCandles) {
  const std::filesystem::path file =
      SIGTRADER_SOURCE_DIR "/../shared/data/candles/XRP_USDT_USDT-1h-futures.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " is absent";
  auto series = market::load_candles(file);
  ASSERT_TRUE(series.ok()) << series.error().message();
  std::vector<Bar> bars;
  for (const market::Candle& candle : series->candles) {
    auto at5 = [](core::Price price) { return std::llround(price.to_double() * 1e5); };
    bars.push_back(Bar{candle.open_time, at5(candle.open), at5(candle.high), at5(candle.low),
                       at5(candle.close)});
  }
  expect_same_trades(bars, 5, 3, 10);
}

}  // namespace
}  // namespace sigtrader::engine
