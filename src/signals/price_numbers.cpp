#include "signals/price_numbers.hpp"

#include <algorithm>

#include "signals/keyword_scan.hpp"
#include "signals/number_text.hpp"

namespace sigtrader::signals {
namespace {

// A space that groups thousands: "42 500" (one to three digits before it, exactly three after).
bool is_group_space(std::string_view text, std::size_t begin, std::size_t at, std::size_t to) {
  return at > begin && at - begin <= 3 && is_digit(text[at - 1]) && at + 3 < to &&
         is_digit(text[at + 1]) && is_digit(text[at + 2]) && is_digit(text[at + 3]) &&
         (at + 4 >= to || !is_digit(text[at + 4]));
}

// Only spaces and one dash, en dash or tilde between two numbers: "5-10", "5 – 10", "5~10".
bool is_range_gap(std::string_view text, std::size_t from, std::size_t to) {
  std::string_view gap = text.substr(from, to - from);
  while (!gap.empty() && gap.front() == ' ')
    gap.remove_prefix(1);
  while (!gap.empty() && gap.back() == ' ')
    gap.remove_suffix(1);
  return gap == "-" || gap == "~" || gap == "\xe2\x80\x93";
}

}  // namespace

void append_price_numbers(std::string_view text, std::size_t from, std::size_t to,
                          std::vector<NumberToken>& out) {
  const std::size_t first = out.size();
  std::size_t i = from;
  while (i < to) {
    if (!is_digit(text[i]) && !(text[i] == '.' && i + 1 < to && is_digit(text[i + 1]))) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    // "TP1", "ТП2", "#1": an index, which ends at a space ("TP1 152.33" is not 1152.33).
    const bool index = letter_before(text, begin) || (begin > 0 && text[begin - 1] == '#');
    std::size_t end = i;
    while (end < to) {
      const char c = text[end];
      if (is_digit(c) || c == '.' || c == ',') {
        ++end;
      } else if (c == ' ' && !index && is_group_space(text, begin, end, to)) {
        end += 1;
      } else {
        break;
      }
    }
    while (end > begin && (text[end - 1] == '.' || text[end - 1] == ','))
      --end;
    std::size_t after = end;
    if (after < to && (text[after] == 'k' || text[after] == 'K') &&
        (after + 1 >= to || !is_ascii_letter(text[after + 1]))) {
      ++after;
    }
    i = std::max(after, begin + 1);
    const char before = begin > 0 ? text[begin - 1] : ' ';
    const char next = after < to ? text[after] : ' ';
    // "x10" is a leverage, "BTC/1" or "12:30" no price either.
    if (index || before == '/' || before == ':') continue;
    // "1)", "2:" and "3/" number lists and times; a price may still close a bracket: "(SL 0.43)".
    const bool small_integer =
        after - begin <= 2 &&
        text.substr(begin, after - begin).find_first_of(".,") == std::string_view::npos;
    if ((next == ')' || next == ':' || next == '/') && small_integer) continue;
    if (next == 'x' || next == 'X') continue;
    if (starts_with_at(text, after, "\xef\xb8\x8f") ||
        starts_with_at(text, after, "\xe2\x83\xa3")) {
      continue;  // keycap emoji digits
    }
    if (starts_with_at(text, after, "\xd1\x85")) continue;  // Cyrillic х: "20х"
    if (next == '.' && after + 1 < to && text[after + 1] == ' ' && end - begin <= 2) continue;
    const auto value = parse_number_text(text.substr(begin, after - begin));
    if (!value) continue;
    NumberToken token{*value, {begin, after}, false};
    std::size_t look = after;
    while (look < to && text[look] == ' ')
      ++look;
    if (look < to && text[look] == '%') {
      token.percent = true;
      // "5-10%", "2 – 3 %": a range of percentages writes the sign once, at its end.
      if (out.size() > first && is_range_gap(text, out.back().span.end, begin)) {
        out.back().percent = true;
      }
    }
    out.push_back(token);
  }
}

}  // namespace sigtrader::signals
