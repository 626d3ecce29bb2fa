#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::risk {

// A proposed new position, as a strategy or the signal follower hands it to the risk engine
// before any order exists. Exits never pass through here: they are always allowed.
struct EntryRequest {
  core::Timestamp ts;       // when the decision is made (the kernel's clock)
  core::ChannelId channel;  // the signal's channel; empty for a strategy's own entries
  // The signal's post within its channel, so that its decisions can be found from the post.
  std::optional<core::MessageId> message_id = std::nullopt;
  core::Symbol symbol;
  core::PositionSide side = core::PositionSide::kLong;
  core::Price entry;  // where the entry expects to fill (limit, or the last price)
  std::optional<core::Price> stop_loss;
  std::vector<core::Price> targets;
  int leverage = 1;
  double confidence = 1.0;            // the classifier's; 1 for a strategy's entries
  core::Timestamp signal_ts;          // when the signal was posted (for the stale-signal check)
  std::vector<std::string> warnings;  // the parser's inconsistency flags
};

// An open position as the risk engine counts it.
struct OpenPosition {
  core::Symbol symbol;
  core::PositionSide side = core::PositionSide::kLong;
  core::Money notional;  // |quantity| × mark price, in the quote currency
};

// The account as the risk engine sees it when it decides.
struct AccountView {
  core::Money equity;            // cash + unrealised PnL, in the quote currency
  core::Money peak_equity;       // the highest equity so far (drawdown is measured from it)
  core::Money day_start_equity;  // equity at the start of the current UTC day
  std::vector<OpenPosition> positions;
};

// Why the risk engine refused or resized an entry: a stable code for scripts and a sentence
// for people ("stop 43000 is above the entry 42000 of a long").
struct RiskReason {
  std::string code;  // e.g. "min_confidence", "max_open_positions", "breaker_open"
  std::string text;
  friend bool operator==(const RiskReason&, const RiskReason&) = default;
};

}  // namespace sigtrader::risk
