#include "engine/lookahead_check.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/random.hpp"

namespace sigtrader::engine {
namespace {

std::optional<std::string> first_difference(const BacktestConfig& config,
                                            const std::vector<Decision>& full,
                                            const std::vector<Decision>& cut, core::Timestamp until,
                                            std::size_t& compared) {
  std::size_t i = 0;
  for (; i < cut.size(); ++i) {
    const Decision& decision = cut[i];
    const std::string& symbol = config.markets[decision.market].instrument.symbol.to_string();
    if (i >= full.size() || full[i].ts > until) {
      compared = i;
      return fmt::format("the cut run decided {} which the full run did not",
                         describe(decision, symbol));
    }
    if (!(full[i] == decision)) {
      compared = i;
      return fmt::format(
          "the full run decided {} where the cut run decided {}",
          describe(full[i], config.markets[full[i].market].instrument.symbol.to_string()),
          describe(decision, symbol));
    }
  }
  compared = i;
  if (i < full.size() && full[i].ts <= until) {
    return fmt::format(
        "the full run decided {} which the cut run, with the same data up to then, did not",
        describe(full[i], config.markets[full[i].market].instrument.symbol.to_string()));
  }
  return std::nullopt;
}

}  // namespace

core::Result<LookaheadReport> check_lookahead(const BacktestConfig& config,
                                              const BacktestResult& full, const CutRun& rerun,
                                              std::size_t runs) {
  LookaheadReport report;
  if (!full.first_open || !full.last_close || full.candles < 3) return report;
  const core::Timestamp first = *full.first_open;
  const std::int64_t span = (*full.last_close - first).count_ns();
  // SplitMix64: the cut points of a seed are the same on every platform and standard library.
  core::SplitMix64 random(config.seed);
  for (std::size_t run = 0; run < runs; ++run) {
    // A cut strictly inside the data, on a timeframe boundary.
    const auto offset = static_cast<std::int64_t>(random.next() % static_cast<std::uint64_t>(span));
    const core::Timestamp cut = (first + core::Duration::nanoseconds(offset)).floor_to(full.period);
    if (cut <= first) continue;
    SIGTRADER_TRY(const BacktestResult partial, rerun(cut));
    LookaheadRun outcome;
    outcome.cut = cut;
    const core::Timestamp until = partial.last_close.value_or(first);
    outcome.difference =
        first_difference(config, full.decisions, partial.decisions, until, outcome.decisions);
    report.runs.push_back(std::move(outcome));
  }
  return report;
}

}  // namespace sigtrader::engine
