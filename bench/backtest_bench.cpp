// Whole backtests of ema_cross on one symbol: SimExchange matching, the kernel, the strategy's
// streaming EMAs, the equity curve and the metrics, reported as candles per second (items/s).
// Target (issue 4): >= 10 M candles/s on one core over 10^7 candles. The candles come from a
// generator, not a file, so the peak resident memory (max_rss_mb) shows what the engine itself
// keeps: it must not grow with the number of candles beyond the equity curve (one point per
// candle by default, one per day with equity_interval = 1d).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sys/resource.h>

#include <benchmark/benchmark.h>

#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"
#include "market/candle_source.hpp"

namespace {

namespace core = sigtrader::core;
namespace engine = sigtrader::engine;
namespace market = sigtrader::market;

// A deterministic random walk of 1m candles around 42000.00 (prices in cents). A block of
// kBlock candles is generated once and replayed forwards, then backwards (each candle mirrored:
// open and close swapped), so the price path is continuous and never drifts away, the source holds
// a fixed amount of memory however many candles it yields, and generating costs nothing per
// candle but a copy: the benchmark measures the engine, not the generator.
class WalkSource final : public market::CandleSource {
 public:
  explicit WalkSource(std::int64_t count) : remaining_(count) {
    std::uint64_t state = 12345;
    auto next = [&state](std::int64_t range) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
      return static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(range));
    };
    auto cents = [](std::int64_t value) {
      return core::Price(core::Decimal::from_mantissa(value, 2).value());
    };
    std::int64_t price = 4'200'000;
    block_.resize(kBlock);
    for (market::Candle& candle : block_) {
      const std::int64_t open = price;
      price = std::max<std::int64_t>(10'000, price + next(2001) - 1000);
      candle.open = cents(open);
      candle.close = cents(price);
      candle.high = cents(std::max(open, price) + next(300));
      candle.low = cents(std::max<std::int64_t>(1, std::min(open, price) - next(300)));
      candle.volume = core::Quantity(core::Decimal::from_mantissa(1 + next(5'000'000), 3).value());
    }
    make();
  }

  const market::Candle* peek() override { return remaining_ > 0 ? &candle_ : nullptr; }
  void advance() override {
    --remaining_;
    ++index_;
    make();
  }
  core::Duration timeframe() const override { return core::Duration::minutes(1); }

 private:
  static constexpr std::int64_t kBlock = 1 << 16;

  void make() {
    const std::int64_t cycle = index_ % (2 * kBlock);
    if (cycle < kBlock) {
      candle_ = block_[static_cast<std::size_t>(cycle)];
    } else {
      candle_ = block_[static_cast<std::size_t>(2 * kBlock - 1 - cycle)];
      std::swap(candle_.open, candle_.close);
    }
    candle_.open_time = core::Timestamp::from_ms(1'704'067'200'000 + index_ * 60'000);
  }

  std::int64_t remaining_;
  std::int64_t index_ = 0;
  std::vector<market::Candle> block_;
  market::Candle candle_;
};

engine::BacktestConfig config(bool daily_equity) {
  engine::BacktestConfig config;
  engine::MarketConfig market;
  market.instrument.symbol = core::Symbol{"BTC", "USDT"};
  market.instrument.venue = "sim";
  market.instrument.tick_size = core::Price(core::Decimal::parse("0.01"));
  market.instrument.step_size = core::Quantity(core::Decimal::parse("0.00001"));
  config.markets.push_back(market);
  config.quote_asset = "USDT";
  // Fees that a 1m random walk does not bleed dry within 10^7 candles, so the strategy keeps
  // trading all the way (a broke account would only send entries too small to fill).
  config.fee_rate = core::Decimal::parse("0.0001");
  config.maker_fee_rate = config.fee_rate;
  config.slippage_bps = core::Decimal::parse("1");
  config.strategy_name = "ema_cross";
  config.parameters.set("fast", std::int64_t{50});
  config.parameters.set("slow", std::int64_t{200});
  if (daily_equity) config.equity_interval = core::Duration::days(1);
  return config;
}

double max_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

void BM_EmaCrossBacktest(benchmark::State& state) {
  const std::int64_t candles = state.range(0);
  const bool daily = state.range(1) != 0;
  std::size_t trades = 0;
  std::size_t orders = 0;
  std::size_t rejected = 0;
  std::string first_rejection;
  for (auto _ : state) {
    std::vector<engine::MarketFeed> feeds;
    feeds.push_back(engine::MarketFeed{std::make_unique<WalkSource>(candles), nullptr, {}});
    engine::BacktestOptions options;
    options.record_decisions = false;
    auto result = engine::run_backtest(config(daily), std::move(feeds), options);
    if (!result) {
      state.SkipWithError(result.error().message().c_str());
      return;
    }
    trades = result->trades.size();
    orders = result->orders;
    rejected = result->rejected_orders;
    if (!result->rejection_examples.empty()) first_rejection = result->rejection_examples.front();
    benchmark::DoNotOptimize(result->final_equity);
  }
  state.SetItemsProcessed(state.iterations() * candles);
  state.counters["trades"] = static_cast<double>(trades);
  state.counters["orders"] = static_cast<double>(orders);
  state.counters["rejected"] = static_cast<double>(rejected);
  state.counters["max_rss_mb"] = max_rss_mb();
  if (!first_rejection.empty()) state.SetLabel(first_rejection);
}

// Daily equity first, so that max_rss_mb of those runs is not inflated by a per-candle curve.
BENCHMARK(BM_EmaCrossBacktest)
    ->Args({1'000'000, 1})
    ->Args({10'000'000, 1})
    ->Args({1'000'000, 0})
    ->Args({10'000'000, 0})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace
