#pragma once

#include <cstddef>
#include <vector>

#include "core/result.hpp"
#include "market/indicators/bollinger.hpp"
#include "strategy/exit_plan.hpp"
#include "strategy/parameters.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::strategy {

struct BollingerReversionParams {
  std::size_t period = 20;
  double deviations = 2.0;
  bool allow_short = false;

  // Reads `[strategy.params]`: period, deviations, allow_short.
  static core::Result<BollingerReversionParams> from(Parameters parameters);
};

// Mean reversion on Bollinger Bands (TA-Lib convention, see bollinger.hpp): a close below the
// lower band opens a long, which is closed once a close reaches the middle band; with
// allow_short, a close above the upper band opens a short, closed at the middle band. Decided on
// the close, filled at the next open, like every strategy.
class BollingerReversion final : public Strategy {
 public:
  BollingerReversion(BollingerReversionParams params, ExitPlan exits);

  std::string_view name() const override { return "bollinger_reversion"; }
  std::size_t warmup() const override { return params_.period; }
  void on_start(StrategyContext& context) override;
  void on_candle(StrategyContext& context, std::size_t market,
                 const market::Candle& candle) override;

 private:
  BollingerReversionParams params_;
  ExitPlan exits_;
  std::vector<market::indicators::Bollinger> bands_;
};

}  // namespace sigtrader::strategy
