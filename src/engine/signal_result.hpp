#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/side.hpp"
#include "core/time.hpp"

namespace sigtrader::engine {

// One long/short signal of a channel backtest: what was done with it and what it earned (the
// JSON report's `signals` objects; the outcome names are strategy::SignalEnd's plus no_data).
struct SignalResult {
  core::ChannelId channel;
  core::MessageId message_id;
  core::Timestamp posted_at;
  std::optional<core::Symbol> symbol;
  std::optional<core::PositionSide> side;
  // all_targets | stopped | partial | expired | canceled | no_data | rejected
  std::string outcome;
  bool filled = false;
  std::size_t targets_hit = 0;             // take-profit levels reached while the position was open
  std::size_t target_count = 0;            // the levels it was traded with
  bool stopped = false;                    // a stop closed what was left
  std::optional<core::Price> entry_price;  // average of the entry fills
  std::optional<core::Price> exit_price;   // average of the exit fills
  core::Money pnl;                         // after fees, in the quote asset; 0 when not filled
  core::Money fees;                        // of every fill, in the quote asset
  std::optional<double> r_multiple;        // pnl / (quantity × |entry − stop at entry|)
  std::optional<core::Timestamp> opened_at;
  std::optional<core::Timestamp> closed_at;
  std::optional<core::Timestamp> first_target_at;  // when the first target was reached
  std::vector<std::string> reasons;
};

}  // namespace sigtrader::engine
