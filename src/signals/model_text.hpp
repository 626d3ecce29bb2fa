#pragma once

#include <string>
#include <string_view>

#include "signals/signal_parser.hpp"

namespace sigtrader::signals {

// The text a trained model reads: lower-cased words, with what varies from post to post mapped to
// tokens so that the model learns the shape of a signal rather than this week's prices — numbers
// become <num>, percentages <pct>, leverage <lev>, coins <coin> — emojis and CJK characters kept
// as tokens of their own, line breaks as <nl>. The parser's structural evidence follows as tokens
// (_rule_long, _sym, _stop, _upd_target_hit, ...), so the model weighs the rules' reading too.
// Writes into `out` (cleared first; its capacity is reused, so a warm buffer allocates nothing).
void write_model_text(std::string_view text, const ParsedSignal& parsed, std::string& out);

// At most this many tokens of a post are read: the head of a long article says what it is.
inline constexpr int kModelTextMaxTokens = 400;

}  // namespace sigtrader::signals
