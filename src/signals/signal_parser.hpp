#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/side.hpp"
#include "signals/post_text.hpp"
#include "signals/signal_update.hpp"

namespace sigtrader::signals {

struct PriceField {
  core::Decimal value;
  TextSpan span;
};

// What the rule parser read from one post. Every field keeps the span it came from.
struct ParsedSignal {
  std::string label = "none";  // long | short | update | none, by rules alone
  std::optional<core::Symbol> symbol;
  TextSpan symbol_span;
  std::optional<core::PositionSide> side;
  TextSpan side_span;
  std::vector<PriceField> entries;
  bool entry_market = false;  // "market", "CMP", "now"
  std::vector<PriceField> targets;
  std::optional<PriceField> stop_loss;
  std::optional<int> leverage;
  std::optional<std::string> margin_mode;  // cross | isolated
  std::optional<ParsedUpdate> update;
  // Inconsistencies flagged, never fixed: "stop 43000 is above the entry 42000 of a long".
  std::vector<std::string> warnings;
};

// Reads a signal post the way a trader would: the coin, the direction (words in English, Russian,
// Turkish, Vietnamese, Chinese and Arabic, and 🟢🔴📈📉), entries (single, range, zone,
// market), targets (lists, TP1…TPn, percentages resolved against a single entry), the stop (price
// or percentage), leverage and margin mode, and whether it is an update of an earlier trade. Fields
// are found after their labels ("Entry", "TP", "SL", "Вход", "Hedef", ...), so the layout of a
// channel does not matter. Deterministic, never throws; allocates only its result (its working
// buffers are kept per thread).
ParsedSignal parse_signal(std::string_view text);

}  // namespace sigtrader::signals
