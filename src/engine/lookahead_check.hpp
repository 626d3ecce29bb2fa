#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/backtest_engine.hpp"

namespace sigtrader::engine {

struct LookaheadRun {
  core::Timestamp cut;                    // candles opening at or after it were left out
  std::size_t decisions = 0;              // decisions compared
  std::optional<std::string> difference;  // the first decision that changed, if any
};

struct LookaheadReport {
  std::vector<LookaheadRun> runs;
  bool clean() const {
    for (const LookaheadRun& run : runs) {
      if (run.difference) return false;
    }
    return true;
  }
};

// Re-runs a backtest `runs` times on data cut at points drawn from the config's seed, and
// compares every decision each cut run made with the full run's decisions up to the same time. A
// strategy without lookahead decides the same on a prefix of the data as on all of it; a change
// means something read data it could not have had. `rerun(cut)` runs the same config and
// strategy on the candles opening before `cut`.
using CutRun = std::function<core::Result<BacktestResult>(core::Timestamp cut)>;
core::Result<LookaheadReport> check_lookahead(const BacktestConfig& config,
                                              const BacktestResult& full, const CutRun& rerun,
                                              std::size_t runs);

}  // namespace sigtrader::engine
