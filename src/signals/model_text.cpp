#include "signals/model_text.hpp"

#include <cstddef>

namespace sigtrader::signals {
namespace {

bool is_ascii_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// Bytes that continue a word: ASCII letters and digits, and the letters of scripts written with
// spaces between words (Cyrillic, Greek, Arabic, Turkish and Vietnamese Latin: 2-byte sequences
// and the E0/E1 blocks).
bool is_word_lead(unsigned char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c) || (c >= 0xC2 && c <= 0xDF) || c == 0xE0 ||
         c == 0xE1;
}
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Appends a byte lowered the way lower_post_text() lowers (ASCII and Cyrillic), so the model's
// words match the parser's keywords.
void append_lowered(std::string_view text, std::size_t& i, std::string& out) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 'A' && c <= 'Z') {
    out.push_back(static_cast<char>(c + 32));
    ++i;
    return;
  }
  if (c == 0xD0 && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (next >= 0x90 && next <= 0x9F) {
      out.push_back(static_cast<char>(0xD0));
      out.push_back(static_cast<char>(next + 0x20));
      i += 2;
      return;
    }
    if (next >= 0xA0 && next <= 0xAF) {
      out.push_back(static_cast<char>(0xD1));
      out.push_back(static_cast<char>(next - 0x20));
      i += 2;
      return;
    }
  }
  const std::size_t length = std::min(utf8_length(c), text.size() - i);
  out.append(text.substr(i, length));
  i += length;
}

class TokenWriter {
 public:
  explicit TokenWriter(std::string& out) : out_(out) {}
  bool full() const { return tokens_ >= kModelTextMaxTokens; }
  // Starts a token; the caller appends its bytes.
  void begin() {
    if (!out_.empty()) out_.push_back(' ');
    ++tokens_;
    last_was_newline_ = false;
  }
  void token(std::string_view text) {
    begin();
    out_.append(text);
  }
  void newline() {
    if (last_was_newline_ || out_.empty()) return;
    token("<nl>");
    last_was_newline_ = true;
  }
  std::string& out() { return out_; }

 private:
  std::string& out_;
  int tokens_ = 0;
  bool last_was_newline_ = false;
};

bool ends_with(std::string_view word, std::string_view suffix) {
  return word.size() > suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

// A number with its separators ("42,500.5", "0.00001234", "1.2k"), then what follows it decides
// the token: "%" a percentage, "x" leverage.
std::size_t write_number(std::string_view text, std::size_t i, TokenWriter& writer) {
  std::size_t end = i;
  while (end < text.size()) {
    const auto c = static_cast<unsigned char>(text[end]);
    const bool separator = (c == '.' || c == ',') && end + 1 < text.size() &&
                           is_ascii_digit(static_cast<unsigned char>(text[end + 1]));
    if (!is_ascii_digit(c) && !separator) break;
    ++end;
  }
  if (end < text.size() && (text[end] == 'k' || text[end] == 'K') &&
      (end + 1 == text.size() || !is_ascii_alpha(static_cast<unsigned char>(text[end + 1])))) {
    ++end;
  }
  std::size_t after = end;
  while (after < text.size() && text[after] == ' ')
    ++after;
  if (after < text.size() && text[after] == '%') {
    writer.token("<pct>");
    return after + 1;
  }
  if (end < text.size() && (text[end] == 'x' || text[end] == 'X') &&
      (end + 1 == text.size() || !is_ascii_alpha(static_cast<unsigned char>(text[end + 1])))) {
    writer.token("<lev>");
    return end + 1;
  }
  // A word glued to the number ("1000PEPE") is a coin's name.
  if (end < text.size() && is_ascii_alpha(static_cast<unsigned char>(text[end]))) {
    while (end < text.size() && (is_ascii_alpha(static_cast<unsigned char>(text[end])) ||
                                 is_ascii_digit(static_cast<unsigned char>(text[end])))) {
      ++end;
    }
    writer.token("<coin>");
    return end;
  }
  writer.token("<num>");
  return end;
}

// A run of word bytes, lowered; pairs quoted against a stablecoin ("btcusdt") become <coin>,
// and "x20" becomes <lev>.
std::size_t write_word(std::string_view text, std::size_t i, TokenWriter& writer) {
  std::string& out = writer.out();
  writer.begin();
  const std::size_t word_start = out.size();
  while (i < text.size() && is_word_lead(static_cast<unsigned char>(text[i]))) {
    append_lowered(text, i, out);
  }
  const std::string_view word(out.data() + word_start, out.size() - word_start);
  if (ends_with(word, "usdt") || ends_with(word, "busd") || ends_with(word, "perp")) {
    out.resize(word_start);
    out.append("<coin>");
  } else if (word.size() >= 2 && word[0] == 'x' &&
             is_ascii_digit(static_cast<unsigned char>(word[1]))) {
    out.resize(word_start);
    out.append("<lev>");
  }
  return i;
}

void write_evidence(const ParsedSignal& parsed, TokenWriter& writer) {
  std::string& out = writer.out();
  writer.begin();
  out.append("_rule_").append(parsed.label);
  if (parsed.symbol) writer.token("_sym");
  if (parsed.side)
    writer.token(*parsed.side == core::PositionSide::kLong ? "_side_long" : "_side_short");
  if (!parsed.entries.empty()) writer.token("_entry");
  if (parsed.entry_market) writer.token("_market");
  if (!parsed.targets.empty()) writer.token("_targets");
  if (parsed.stop_loss) writer.token("_stop");
  if (parsed.leverage) writer.token("_lev");
  if (parsed.update) {
    writer.begin();
    out.append("_upd_").append(to_string(parsed.update->kind));
  }
  if (!parsed.warnings.empty()) writer.token("_warn");
}

}  // namespace

void write_model_text(std::string_view text, const ParsedSignal& parsed, std::string& out) {
  out.clear();
  TokenWriter writer(out);
  std::size_t i = 0;
  while (i < text.size() && !writer.full()) {
    if (parsed.symbol && i == parsed.symbol_span.begin && parsed.symbol_span.end > i) {
      writer.token("<coin>");
      i = parsed.symbol_span.end;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      writer.newline();
      ++i;
    } else if (is_ascii_digit(c)) {
      i = write_number(text, i, writer);
    } else if ((c == '#' || c == '$') && i + 1 < text.size() &&
               (is_ascii_alpha(static_cast<unsigned char>(text[i + 1])) ||
                is_ascii_digit(static_cast<unsigned char>(text[i + 1])))) {
      ++i;
      while (i < text.size() && (is_ascii_alpha(static_cast<unsigned char>(text[i])) ||
                                 is_ascii_digit(static_cast<unsigned char>(text[i])))) {
        ++i;
      }
      writer.token("<coin>");
    } else if (is_word_lead(c)) {
      i = write_word(text, i, writer);
    } else if (c >= 0xE2 && c <= 0xED) {
      // Symbols (✅ ⚠ ↗) and CJK characters: one token each. General punctuation (dashes, quotes,
      // the zero-width joiner: E2 80 xx) says nothing.
      const std::size_t length = std::min<std::size_t>(3, text.size() - i);
      const bool punctuation =
          c == 0xE2 && length == 3 && static_cast<unsigned char>(text[i + 1]) == 0x80;
      if (!punctuation) writer.token(text.substr(i, length));
      i += length;
    } else if (c >= 0xF0) {
      const std::size_t length = std::min<std::size_t>(4, text.size() - i);
      writer.token(text.substr(i, length));
      i += length;
    } else {
      // ASCII punctuation and the rest (variation selectors, fullwidth forms): separators.
      i += std::min(utf8_length(c), text.size() - i);
    }
  }
  write_evidence(parsed, writer);
}

}  // namespace sigtrader::signals
