#include "market/synthetic_market.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

#include <gtest/gtest.h>

#include "market/plain_csv_loader.hpp"
#include "market/plain_csv_writer.hpp"

namespace sigtrader::market {
namespace {

constexpr std::size_t kLongRegime = 2000;

SyntheticMarketSpec demo_spec(std::uint64_t seed, std::size_t candles = 400) {
  SyntheticMarketSpec spec;
  spec.seed = seed;
  spec.start = *core::Timestamp::try_parse_iso8601("2025-03-03T00:00:00Z");
  spec.candles = candles;
  spec.symbols = demo_symbols();
  return spec;
}

// One regime over kLongRegime candles, long enough for its statistics to show.
SyntheticMarket one_regime(Regime regime) {
  SyntheticMarketSpec spec = demo_spec(7, kLongRegime);
  spec.regimes = {RegimeSpan{regime, 0, kLongRegime}};
  return generate_market(spec);
}

std::vector<double> returns(const std::vector<Candle>& candles) {
  std::vector<double> out;
  for (std::size_t i = 1; i < candles.size(); ++i) {
    out.push_back(candles[i].close.to_double() / candles[i - 1].close.to_double() - 1.0);
  }
  return out;
}

double mean(const std::vector<double>& values) {
  double sum = 0;
  for (double value : values)
    sum += value;
  return sum / static_cast<double>(values.size());
}

double deviation(const std::vector<double>& values) {
  const double average = mean(values);
  double sum = 0;
  for (double value : values)
    sum += (value - average) * (value - average);
  return std::sqrt(sum / static_cast<double>(values.size() - 1));
}

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double mean_a = mean(a);
  const double mean_b = mean(b);
  double cov = 0;
  double var_a = 0;
  double var_b = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    cov += (a[i] - mean_a) * (b[i] - mean_b);
    var_a += (a[i] - mean_a) * (a[i] - mean_a);
    var_b += (b[i] - mean_b) * (b[i] - mean_b);
  }
  return cov / std::sqrt(var_a * var_b);
}

// The standard deviation of a symbol's return per candle in a regime, from the model's parameters:
// beta × the factor's noise and its own noise are independent.
double expected_deviation(const SyntheticSymbol& symbol, Regime regime) {
  const RegimeParameters p = regime_parameters(regime);
  const double own = symbol.idiosyncratic_volatility * p.idiosyncratic_scale;
  return std::sqrt(symbol.beta * symbol.beta * p.volatility * p.volatility + own * own);
}

TEST(SyntheticMarket, TheSameSeedGivesTheSameCandles) {
  const SyntheticMarket first = generate_market(demo_spec(42));
  const SyntheticMarket second = generate_market(demo_spec(42));
  ASSERT_EQ(first.series.size(), 4u);
  for (std::size_t s = 0; s < first.series.size(); ++s) {
    EXPECT_EQ(plain_csv_text(first.series[s].candles), plain_csv_text(second.series[s].candles));
  }
  ASSERT_EQ(first.regimes.size(), second.regimes.size());
  for (std::size_t i = 0; i < first.regimes.size(); ++i) {
    EXPECT_EQ(first.regimes[i].regime, second.regimes[i].regime);
    EXPECT_EQ(first.regimes[i].candles, second.regimes[i].candles);
  }
}

TEST(SyntheticMarket, DifferentSeedsGiveDifferentCandles) {
  const SyntheticMarket first = generate_market(demo_spec(1));
  const SyntheticMarket second = generate_market(demo_spec(2));
  for (std::size_t s = 0; s < first.series.size(); ++s) {
    EXPECT_NE(plain_csv_text(first.series[s].candles), plain_csv_text(second.series[s].candles))
        << first.series[s].symbol.symbol.to_string();
  }
}

TEST(SyntheticMarket, EveryCandleIsAValidBarOnTheTickAndOpensAtThePreviousClose) {
  const SyntheticMarketSpec spec = demo_spec(3);
  const SyntheticMarket market = generate_market(spec);
  for (const SyntheticSeries& series : market.series) {
    const std::string name = series.symbol.symbol.to_string();
    ASSERT_EQ(series.candles.size(), spec.candles) << name;
    EXPECT_EQ(series.candles.front().open, series.symbol.start_price) << name;
    for (std::size_t i = 0; i < series.candles.size(); ++i) {
      const Candle& candle = series.candles[i];
      EXPECT_EQ(candle.open_time, spec.start + core::Duration::minutes(15 * static_cast<int>(i)));
      EXPECT_LE(candle.low, candle.open) << name << " candle " << i;
      EXPECT_LE(candle.low, candle.close) << name << " candle " << i;
      EXPECT_GE(candle.high, candle.open) << name << " candle " << i;
      EXPECT_GE(candle.high, candle.close) << name << " candle " << i;
      EXPECT_TRUE(candle.low.is_positive()) << name << " candle " << i;
      EXPECT_TRUE(candle.volume.is_positive()) << name << " candle " << i;
      for (const core::Price price : {candle.open, candle.high, candle.low, candle.close}) {
        EXPECT_TRUE(price.is_multiple_of(series.symbol.tick_size))
            << name << " " << price.to_string();
      }
      if (i > 0) {
        EXPECT_EQ(candle.open, series.candles[i - 1].close) << name << " candle " << i;
      }
    }
  }
}

TEST(SyntheticMarket, DrawnRegimesFollowEachOtherWithinTheirLengthLimits) {
  const SyntheticMarketSpec spec = demo_spec(5, 1000);
  const SyntheticMarket market = generate_market(spec);
  std::size_t next = 0;
  for (std::size_t i = 0; i < market.regimes.size(); ++i) {
    const RegimeSpan& span = market.regimes[i];
    EXPECT_EQ(span.first, next);
    EXPECT_LE(span.candles, spec.max_regime_candles);
    // Only the last span may be cut short by the end of the data.
    if (i + 1 < market.regimes.size()) {
      EXPECT_GE(span.candles, spec.min_regime_candles);
    }
    if (i > 0) {
      EXPECT_NE(span.regime, market.regimes[i - 1].regime);
    }
    next += span.candles;
  }
  EXPECT_EQ(next, spec.candles);
}

// A trend's mean return per candle is beta × drift, give or take four standard errors.
void expect_trend(Regime regime) {
  const SyntheticMarket market = one_regime(regime);
  const RegimeParameters p = regime_parameters(regime);
  for (const SyntheticSeries& series : market.series) {
    const std::vector<double> r = returns(series.candles);
    const double expected = series.symbol.beta * p.drift;
    const double error = expected_deviation(series.symbol, regime) / std::sqrt(r.size());
    EXPECT_NEAR(mean(r), expected, 4 * error) << series.symbol.symbol.to_string();
    // Four standard errors are smaller than the drift: the sign is the trend's.
    ASSERT_LT(4 * error, std::fabs(expected));
    EXPECT_EQ(mean(r) > 0, p.drift > 0) << series.symbol.symbol.to_string();
  }
}

TEST(SyntheticMarket, AnUpTrendDriftsUp) {
  expect_trend(Regime::kUpTrend);
}

TEST(SyntheticMarket, ADownTrendDriftsDown) {
  expect_trend(Regime::kDownTrend);
}

TEST(SyntheticMarket, ARangeStaysNearWhereItBegan) {
  const SyntheticMarket market = one_regime(Regime::kRange);
  const RegimeParameters p = regime_parameters(Regime::kRange);
  for (const SyntheticSeries& series : market.series) {
    // y = close / anchor − 1 follows y' ≈ (1 − k) y + e, whose stationary deviation is
    // sd(e) / sqrt(2k − k²); six of them bound a path of two thousand candles. A random walk with
    // the same noise would wander sd(e) × sqrt(2000), about three and a half times as far.
    const double noise = expected_deviation(series.symbol, Regime::kRange);
    const double stationary = noise / std::sqrt(2 * p.reversion - p.reversion * p.reversion);
    const double anchor = series.symbol.start_price.to_double();
    double widest = 0;
    for (const Candle& candle : series.candles) {
      widest = std::max(widest, std::fabs(candle.close.to_double() / anchor - 1.0));
    }
    EXPECT_LT(widest, 6 * stationary) << series.symbol.symbol.to_string();
    EXPECT_LT(6 * stationary, noise * std::sqrt(static_cast<double>(kLongRegime)) / 3);
  }
}

TEST(SyntheticMarket, EachRegimesNoiseIsItsOwn) {
  for (const Regime regime :
       {Regime::kUpTrend, Regime::kDownTrend, Regime::kVolatile, Regime::kRange}) {
    const SyntheticMarket market = one_regime(regime);
    for (const SyntheticSeries& series : market.series) {
      // A range's pull towards its anchor adds a little to the step's spread; 10 % covers it and
      // the sampling error of two thousand returns (about 2 %).
      const double expected = expected_deviation(series.symbol, regime);
      EXPECT_NEAR(deviation(returns(series.candles)), expected, 0.1 * expected)
          << to_string(regime) << " " << series.symbol.symbol.to_string();
    }
  }
  const SyntheticSymbol btc = demo_symbols()[0];
  EXPECT_GT(expected_deviation(btc, Regime::kVolatile),
            2 * expected_deviation(btc, Regime::kUpTrend));
}

TEST(SyntheticMarket, SymbolsMoveTogetherThroughTheMarketFactor) {
  const SyntheticMarket market = one_regime(Regime::kUpTrend);
  const RegimeParameters p = regime_parameters(Regime::kUpTrend);
  const std::vector<double> btc = returns(market.series[0].candles);
  for (std::size_t s = 1; s < market.series.size(); ++s) {
    const SyntheticSymbol& symbol = market.series[s].symbol;
    const SyntheticSymbol& first = market.series[0].symbol;
    // cov = beta1 × beta2 × var(factor).
    const double expected = first.beta * symbol.beta * p.volatility * p.volatility /
                            (expected_deviation(first, Regime::kUpTrend) *
                             expected_deviation(symbol, Regime::kUpTrend));
    EXPECT_NEAR(correlation(btc, returns(market.series[s].candles)), expected, 0.06)
        << symbol.symbol.to_string();
    EXPECT_LT(expected, 0.8);  // below the risk engine's correlated-group threshold
    EXPECT_GT(expected, 0.5);
  }
}

TEST(SyntheticMarket, ItsCsvReadsBackAsTheSameCandles) {
  const SyntheticMarket market = generate_market(demo_spec(9, 50));
  for (const SyntheticSeries& series : market.series) {
    auto loaded = parse_plain_csv(plain_csv_text(series.candles), "generated");
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    EXPECT_TRUE(loaded->report.clean());
    EXPECT_EQ(loaded->timeframe, core::Duration::minutes(15));
    EXPECT_EQ(loaded->candles, series.candles);
  }
}

}  // namespace
}  // namespace sigtrader::market
