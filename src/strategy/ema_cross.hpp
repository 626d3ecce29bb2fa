#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/result.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/rsi.hpp"
#include "strategy/exit_plan.hpp"
#include "strategy/parameters.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::strategy {

struct EmaCrossParams {
  std::size_t fast = 12;
  std::size_t slow = 26;
  // 0 turns the RSI filter off. With it, a long is not opened while RSI(rsi_period) is above
  // rsi_long_max (chasing an overbought market), a short not while it is below rsi_short_min.
  std::size_t rsi_period = 0;
  double rsi_long_max = 70;
  double rsi_short_min = 30;
  bool allow_short = false;

  // Reads `[strategy.params]`: fast, slow, rsi_period, rsi_long_max, rsi_short_min, allow_short.
  static core::Result<EmaCrossParams> from(Parameters parameters);
};

// Trend following on two EMAs of the close (TA-Lib seeding, see ema.hpp).
//
// On the close of candle t the fast EMA crosses above the slow one when fast ≤ slow on t−1 and
// fast > slow on t (below: the mirror). A cross above opens a long (closing a short first); a
// cross below closes the long and, with allow_short, opens a short. A filtered cross is skipped,
// not retried later. Orders go out at the close of t and fill at the open of t+1.
class EmaCross final : public Strategy {
 public:
  EmaCross(EmaCrossParams params, ExitPlan exits);

  std::string_view name() const override { return "ema_cross"; }
  std::size_t warmup() const override;
  void on_start(StrategyContext& context) override;
  void on_candle(StrategyContext& context, std::size_t market,
                 const market::Candle& candle) override;

 private:
  struct MarketState {
    market::indicators::Ema fast;
    market::indicators::Ema slow;
    std::optional<market::indicators::Rsi> rsi;
    double rsi_value = market::indicators::kNaN;
    double previous_spread = market::indicators::kNaN;  // fast − slow on the candle before
  };

  EmaCrossParams params_;
  ExitPlan exits_;
  std::vector<MarketState> markets_;
};

}  // namespace sigtrader::strategy
