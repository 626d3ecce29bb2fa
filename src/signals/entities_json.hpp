#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "signals/post_text.hpp"
#include "signals/signal_parser.hpp"

// The fields of a post as stored with a training label (the labels table's entities_json), so
// that a tagger can be trained on where each field stood in the text.
namespace sigtrader::signals {

// One field: its value as text ("BTC/USDT", "long", "42000.5", "10") and the bytes it came from.
struct EntityValue {
  std::string value;
  std::optional<TextSpan> span;
  friend bool operator==(const EntityValue&, const EntityValue&) = default;
};

// The fields of one post. Empty when the post has none (a label of `none` stores `{}`).
struct LabelEntities {
  std::optional<EntityValue> symbol;
  std::optional<EntityValue> side;
  std::vector<EntityValue> entries;
  std::vector<EntityValue> targets;
  std::optional<EntityValue> stop_loss;
  std::optional<EntityValue> leverage;  // value is the integer: "10"
  friend bool operator==(const LabelEntities&, const LabelEntities&) = default;
};

// The parser's fields of `text`, with their spans. The parser keeps no span for leverage, so it
// is looked up with find_leverage_span().
LabelEntities entities_from_parsed(std::string_view text, const ParsedSignal& parsed);

// Where the parser's leverage `value` stands in `text`: the first "10x", "x10", "10х" or "х10"
// (Cyrillic х) written with that number, covering the number and its x; std::nullopt when absent.
std::optional<TextSpan> find_leverage_span(std::string_view text, int value);

// {"symbol": {"value": "BTC/USDT", "span": [0, 8]}, "side": {...}, "entries": [{...}],
//  "targets": [...], "stop_loss": {...} | null, "leverage": {"value": 10, "span": [b, e]} | null}
std::string entities_to_json(const LabelEntities& entities);

// Reads what entities_to_json() wrote; `{}` is no entities. The error names the bad key.
core::Result<LabelEntities> entities_from_json(std::string_view json);

}  // namespace sigtrader::signals
