#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/random.hpp"
#include "engine/demo_scenario.hpp"

namespace sigtrader::engine {

// The words of the demo's channels (demo_scenario.hpp): each style writes its signals, updates
// and chatter its own way, with a few layouts each, as real channels do.

// A signal post for `plan` on `symbol`.
std::string demo_signal_text(DemoChannelStyle style, const core::Symbol& symbol,
                             const DemoSignalPlan& plan, core::Random& random);

// What an update reports.
enum class DemoUpdate {
  kTargetReached,  // target `target` (1-based) of `of` was reached
  kStopHit,
  kClosed,  // the channel closes what is left by hand
};

// An update on a trade of `symbol`; `percent` is the move from the entry in the trade's favour
// (negative when against), before leverage.
std::string demo_update_text(DemoChannelStyle style, const core::Symbol& symbol, DemoUpdate update,
                             std::size_t target, std::size_t of, double percent, int leverage,
                             core::Random& random);

// A post that is no signal: greetings, market talk (naming the last closes of `prices`), ads.
std::string demo_chatter_text(DemoChannelStyle style,
                              const std::vector<std::pair<core::Symbol, core::Price>>& prices,
                              core::Random& random);

// "60,125.5" for thousands and more, else the price as it is.
std::string with_thousands(core::Price price);

}  // namespace sigtrader::engine
