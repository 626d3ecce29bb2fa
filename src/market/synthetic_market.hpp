#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "market/candle.hpp"

namespace sigtrader::market {

// What the whole market is doing over a stretch of candles.
//   up_trend / down_trend  a steady drift with moderate noise
//   range                  no drift; every price is pulled back towards where the range began
//   volatile               no drift, noise more than twice that of a trend
enum class Regime { kUpTrend, kDownTrend, kRange, kVolatile };
std::string_view to_string(Regime regime);

// How a regime moves the market factor, per candle. Returns are simple (p1 / p0 − 1).
struct RegimeParameters {
  double drift = 0;       // mean return of the factor
  double volatility = 0;  // standard deviation of the factor's return
  // Share of a symbol's distance from the range's anchor (p / anchor − 1) taken back each candle.
  double reversion = 0;
  double idiosyncratic_scale = 1;  // multiplies each symbol's own noise
  double volume_scale = 1;         // multiplies each symbol's typical volume
  double wick_scale = 1;           // multiplies the high-low excursion beyond open and close
};
RegimeParameters regime_parameters(Regime regime);

// A stretch of `candles` candles in one regime, starting at candle `first`.
struct RegimeSpan {
  Regime regime = Regime::kRange;
  std::size_t first = 0;
  std::size_t candles = 0;
};

// One generated symbol: a return of beta × the market factor plus noise of its own.
struct SyntheticSymbol {
  core::Symbol symbol;
  core::Price start_price;
  core::Price tick_size;                // every price is a multiple of it
  int volume_decimals = 3;              // volumes are rounded to this many decimals
  double beta = 1;                      // loading on the market factor
  double idiosyncratic_volatility = 0;  // standard deviation of its own return per candle
  double typical_volume = 1;            // base-asset volume of a quiet candle
};

// BTC/USDT ~60000, ETH/USDT ~3000, SOL/USDT ~150 and XRP/USDT ~0.6, with betas and own noise that
// give close-to-close correlations of about 0.6 to 0.75 (below the risk engine's 0.8
// grouping threshold, as real majors often are on 15-minute bars).
std::vector<SyntheticSymbol> demo_symbols();

struct SyntheticMarketSpec {
  std::uint64_t seed = 1;
  core::Timestamp start;  // open time of the first candle
  core::Duration timeframe = core::Duration::minutes(15);
  std::size_t candles = 0;  // per symbol
  std::vector<SyntheticSymbol> symbols;
  // The regimes in order; empty: drawn from the seed, each lasting between min_regime_candles and
  // max_regime_candles. Given spans must start at 0 and cover `candles` without gaps.
  std::vector<RegimeSpan> regimes;
  std::size_t min_regime_candles = 24;
  std::size_t max_regime_candles = 72;
};

struct SyntheticSeries {
  SyntheticSymbol symbol;
  std::vector<Candle> candles;
};

struct SyntheticMarket {
  std::vector<RegimeSpan> regimes;
  std::vector<SyntheticSeries> series;  // in the order of spec.symbols
};

// Generates the candles: deterministic for a spec (the same bytes on every platform, see
// core::Random), gap-free (each candle opens at the previous close), prices rounded to each
// symbol's tick, low <= open, close <= high, positive volume. The high and low reach past the
// open and close by a random wick that grows with the regime's noise; volume grows with the size
// of the move.
SyntheticMarket generate_market(const SyntheticMarketSpec& spec);

}  // namespace sigtrader::market
