#include "market/synthetic_market.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <utility>

#include "core/assert.hpp"
#include "core/random.hpp"

// The project builds with -ffp-contract=off (CMakeLists.txt): a fused multiply-add would round
// once where the written expression rounds twice and make the candles differ between machines.
namespace sigtrader::market {

namespace {

// Streams of core::Random::stream_seed: the regime schedule, the factor, then one per symbol.
constexpr std::uint64_t kRegimeStream = 0;
constexpr std::uint64_t kFactorStream = 1;
constexpr std::uint64_t kFirstSymbolStream = 2;

// A wick is this many of the candle's standard deviations times a half-normal draw.
constexpr double kWickDeviations = 0.5;

core::Price rounded_price(double value, core::Price tick) {
  auto coarse = core::Price::from_double(value, tick.scale());
  SIGTRADER_ASSERT(coarse.ok(), "a generated price does not fit a Price");
  auto price = coarse->round_to(tick, core::Rounding::kNearest);
  SIGTRADER_ASSERT(price.ok(), "a generated price cannot be rounded to its tick");
  // The walk never takes a price to zero, but a tick larger than the price could round it there.
  return std::max(*price, tick);
}

core::Quantity rounded_volume(double value, int decimals) {
  auto volume = core::Quantity::from_double(value, decimals);
  SIGTRADER_ASSERT(volume.ok(), "a generated volume does not fit a Quantity");
  const core::Quantity smallest =
      core::Quantity(*core::Decimal::from_mantissa(1, decimals));  // never a zero-volume candle
  return std::max(*volume, smallest);
}

// Trends and ranges three times as often as volatile stretches, never the same regime twice in a
// row (two spans of one regime would be one longer span).
Regime draw_regime(core::Random& random, std::optional<Regime> previous) {
  constexpr std::array<std::pair<Regime, int>, 4> kWeights{{{Regime::kUpTrend, 3},
                                                            {Regime::kDownTrend, 3},
                                                            {Regime::kRange, 3},
                                                            {Regime::kVolatile, 1}}};
  int total = 0;
  for (const auto& [regime, weight] : kWeights) {
    if (regime != previous) total += weight;
  }
  auto pick = static_cast<int>(random.below(static_cast<std::uint64_t>(total)));
  for (const auto& [regime, weight] : kWeights) {
    if (regime == previous) continue;
    if (pick < weight) return regime;
    pick -= weight;
  }
  SIGTRADER_ASSERT(false, "draw_regime fell through its weights");
  return Regime::kRange;
}

std::vector<RegimeSpan> draw_regimes(const SyntheticMarketSpec& spec) {
  SIGTRADER_ASSERT(
      spec.min_regime_candles > 0 && spec.min_regime_candles <= spec.max_regime_candles,
      "regime lengths need 0 < min <= max");
  core::Random random(core::Random::stream_seed(spec.seed, kRegimeStream));
  std::vector<RegimeSpan> spans;
  std::optional<Regime> previous;
  std::size_t first = 0;
  while (first < spec.candles) {
    const Regime regime = draw_regime(random, previous);
    const auto length = static_cast<std::size_t>(
        random.between(static_cast<std::int64_t>(spec.min_regime_candles),
                       static_cast<std::int64_t>(spec.max_regime_candles)));
    const std::size_t candles = std::min(length, spec.candles - first);
    spans.push_back(RegimeSpan{regime, first, candles});
    previous = regime;
    first += candles;
  }
  return spans;
}

void check_regimes(const SyntheticMarketSpec& spec) {
  std::size_t next = 0;
  for (const RegimeSpan& span : spec.regimes) {
    SIGTRADER_ASSERT(span.first == next && span.candles > 0,
                     "given regimes must follow each other from candle 0");
    next += span.candles;
  }
  SIGTRADER_ASSERT(next == spec.candles, "given regimes must cover every candle");
}

// One symbol's walk: the unrounded price carries on from candle to candle, so rounding never
// accumulates.
struct Walk {
  double price = 0;
  double anchor = 0;  // where the current range began
  core::Random random;
};

}  // namespace

std::string_view to_string(Regime regime) {
  switch (regime) {
    case Regime::kUpTrend:
      return "up_trend";
    case Regime::kDownTrend:
      return "down_trend";
    case Regime::kRange:
      return "range";
    case Regime::kVolatile:
      return "volatile";
  }
  return "?";
}

RegimeParameters regime_parameters(Regime regime) {
  // Per 15-minute candle: a trend drifts 0.08 % a candle (about 8 % a day) under 0.3 % noise; a
  // range takes back 12 % of its distance from the anchor each candle, which keeps it within about
  // half a percent (one standard deviation) of where it began; volatile noise is 0.75 %.
  switch (regime) {
    case Regime::kUpTrend:
      return {.drift = 0.0008,
              .volatility = 0.0030,
              .reversion = 0,
              .idiosyncratic_scale = 1,
              .volume_scale = 1,
              .wick_scale = 1};
    case Regime::kDownTrend:
      return {.drift = -0.0008,
              .volatility = 0.0032,
              .reversion = 0,
              .idiosyncratic_scale = 1,
              .volume_scale = 1.2,
              .wick_scale = 1.1};
    case Regime::kRange:
      return {.drift = 0,
              .volatility = 0.0018,
              .reversion = 0.12,
              .idiosyncratic_scale = 0.8,
              .volume_scale = 0.8,
              .wick_scale = 0.8};
    case Regime::kVolatile:
      return {.drift = 0,
              .volatility = 0.0075,
              .reversion = 0,
              .idiosyncratic_scale = 1.6,
              .volume_scale = 2,
              .wick_scale = 1.6};
  }
  return {};
}

std::vector<SyntheticSymbol> demo_symbols() {
  const auto symbol = [](const char* base) { return core::Symbol{base, "USDT"}; };
  return {
      SyntheticSymbol{.symbol = symbol("BTC"),
                      .start_price = core::Price::parse("60000.0"),
                      .tick_size = core::Price::parse("0.1"),
                      .volume_decimals = 3,
                      .beta = 1.0,
                      .idiosyncratic_volatility = 0.0015,
                      .typical_volume = 85},
      SyntheticSymbol{.symbol = symbol("ETH"),
                      .start_price = core::Price::parse("3000.00"),
                      .tick_size = core::Price::parse("0.01"),
                      .volume_decimals = 3,
                      .beta = 1.15,
                      .idiosyncratic_volatility = 0.0022,
                      .typical_volume = 900},
      SyntheticSymbol{.symbol = symbol("SOL"),
                      .start_price = core::Price::parse("150.00"),
                      .tick_size = core::Price::parse("0.01"),
                      .volume_decimals = 2,
                      .beta = 1.4,
                      .idiosyncratic_volatility = 0.0035,
                      .typical_volume = 12000},
      SyntheticSymbol{.symbol = symbol("XRP"),
                      .start_price = core::Price::parse("0.6000"),
                      .tick_size = core::Price::parse("0.0001"),
                      .volume_decimals = 1,
                      .beta = 1.2,
                      .idiosyncratic_volatility = 0.0030,
                      .typical_volume = 2'500'000},
  };
}

SyntheticMarket generate_market(const SyntheticMarketSpec& spec) {
  SIGTRADER_ASSERT(spec.timeframe.count_ns() > 0, "a synthetic market needs a timeframe");
  SyntheticMarket market;
  if (spec.regimes.empty()) {
    market.regimes = draw_regimes(spec);
  } else {
    check_regimes(spec);
    market.regimes = spec.regimes;
  }

  core::Random factor(core::Random::stream_seed(spec.seed, kFactorStream));
  std::vector<Walk> walks;
  for (std::size_t i = 0; i < spec.symbols.size(); ++i) {
    const double start = spec.symbols[i].start_price.to_double();
    SIGTRADER_ASSERT(start > 0, "a synthetic symbol needs a positive start price");
    walks.push_back(Walk{
        start, start, core::Random(core::Random::stream_seed(spec.seed, kFirstSymbolStream + i))});
    market.series.push_back(SyntheticSeries{spec.symbols[i], {}});
    market.series.back().candles.reserve(spec.candles);
  }

  for (const RegimeSpan& span : market.regimes) {
    const RegimeParameters regime = regime_parameters(span.regime);
    for (Walk& walk : walks)
      walk.anchor = walk.price;
    for (std::size_t index = span.first; index < span.first + span.candles; ++index) {
      const double common = regime.drift + regime.volatility * factor.normal();
      for (std::size_t s = 0; s < walks.size(); ++s) {
        const SyntheticSymbol& symbol = spec.symbols[s];
        Walk& walk = walks[s];
        const double own = symbol.idiosyncratic_volatility * regime.idiosyncratic_scale;
        const double deviation = std::sqrt(
            symbol.beta * symbol.beta * regime.volatility * regime.volatility + own * own);
        const double change = symbol.beta * common + own * walk.random.normal() -
                              regime.reversion * (walk.price / walk.anchor - 1.0);
        const double open = walk.price;
        const double close = open * (1.0 + change);
        const double wick = kWickDeviations * deviation * regime.wick_scale;
        const double high = std::max(open, close) * (1.0 + wick * std::fabs(walk.random.normal()));
        const double low = std::min(open, close) * (1.0 - wick * std::fabs(walk.random.normal()));
        // Busier candles move more: volume rises with the size of the move in deviations.
        const double volume = symbol.typical_volume * regime.volume_scale *
                              (0.6 + 0.8 * walk.random.uniform()) *
                              (1.0 + 0.5 * std::fabs(change) / deviation);
        walk.price = close;

        Candle candle;
        candle.open_time =
            spec.start + core::Duration::nanoseconds(spec.timeframe.count_ns() *
                                                     static_cast<std::int64_t>(index));
        candle.open = rounded_price(open, symbol.tick_size);
        candle.close = rounded_price(close, symbol.tick_size);
        // Rounding is monotone, so the rounded high and low still enclose open and close.
        candle.high = rounded_price(high, symbol.tick_size);
        candle.low = rounded_price(low, symbol.tick_size);
        candle.volume = rounded_volume(volume, symbol.volume_decimals);
        market.series[s].candles.push_back(candle);
      }
    }
  }
  return market;
}

}  // namespace sigtrader::market
