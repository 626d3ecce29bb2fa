#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "signals/entities_json.hpp"
#include "signals/post_text.hpp"

// Tokens of a post tagged with BIO tags for training a field tagger (`sigtrader label export
// --format ner`).
namespace sigtrader::signals {

// A token of a post and the bytes [begin, end) it covers.
struct PostToken {
  std::string_view text;
  TextSpan span;
};

// Splits a post into tokens: whitespace separates them, and punctuation (, : ; ( ) [ ] { } ! ? "
// ' | = - .) is a token of its own, except a ',' or '.' between two digits, so "42,500.5" and
// "0.00001234" stay whole. Everything else sticks to its word: "#BTC", "$BTC", "BTC/USDT", "10x",
// "5%", emojis.
std::vector<PostToken> tokenize_post(std::string_view text);

// A token with its tag: "O", or "B-"/"I-" and one of SYMBOL, SIDE, ENTRY, TARGET, STOP_LOSS,
// LEVERAGE.
struct TaggedToken {
  std::string_view text;
  std::string tag;
  friend bool operator==(const TaggedToken&, const TaggedToken&) = default;
};

// Tags every token of `text` that overlaps a field's span: B- on the first token of that span,
// I- on the ones after it. A token overlapping two fields takes the first in the order symbol,
// side, entries, targets, stop loss, leverage. Fields without a span tag nothing.
std::vector<TaggedToken> bio_tag(std::string_view text, const LabelEntities& entities);

}  // namespace sigtrader::signals
