#include "signals/number_text.hpp"

#include <algorithm>
#include <string>

namespace sigtrader::signals {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Removes the spaces channels put between thousands ("42 500", "42\u00a0500", "42\u2009500",
// "42\u202f500"); false when a space does not sit between a group of digits and exactly three.
bool remove_group_spaces(std::string_view text, std::string& out) {
  static constexpr std::string_view kSpaces[] = {" ", "\xc2\xa0", "\xe2\x80\x89", "\xe2\x80\xaf"};
  out.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t width = 0;
    for (std::string_view space : kSpaces) {
      if (text.substr(i).starts_with(space)) width = space.size();
    }
    if (width == 0) {
      out += text[i++];
      continue;
    }
    // Must be digits before, exactly three digits after, then a non-digit or the end.
    if (out.empty() || !is_digit(out.back())) return false;
    const std::size_t next = i + width;
    if (next + 3 > text.size()) return false;
    for (std::size_t k = next; k < next + 3; ++k) {
      if (!is_digit(text[k])) return false;
    }
    if (next + 3 < text.size() && is_digit(text[next + 3])) return false;
    i = next;
  }
  return true;
}

// Whether `text` (digits and `separator` only) is a thousands grouping: 1-3 digits without a
// leading zero, then groups of exactly three.
bool is_grouping(std::string_view text, char separator) {
  std::size_t group = 0;
  bool first = true;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == separator) {
      if (first ? (group < 1 || group > 3 || text[0] == '0') : group != 3) return false;
      first = false;
      group = 0;
      continue;
    }
    if (!is_digit(text[i])) return false;
    ++group;
  }
  return !first;
}

std::string without(std::string_view text, char separator) {
  std::string out;
  for (char c : text) {
    if (c != separator) out += c;
  }
  return out;
}

}  // namespace

core::Decimal strip_trailing_zeros(core::Decimal value) {
  std::int64_t mantissa = value.mantissa();
  int scale = value.scale();
  while (scale > 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    --scale;
  }
  return core::Decimal::from_mantissa(mantissa, scale).value();
}

std::optional<core::Decimal> parse_number_text(std::string_view text) {
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  if (text.empty()) return std::nullopt;

  std::int64_t multiplier = 1;
  const char last = text.back();
  if (last == 'k' || last == 'K') multiplier = 1'000;
  if (last == 'm' || last == 'M') multiplier = 1'000'000;
  if (multiplier != 1) text.remove_suffix(1);

  std::string compact;
  if (!remove_group_spaces(text, compact) || compact.empty()) return std::nullopt;
  for (char c : compact) {
    if (!is_digit(c) && c != ',' && c != '.') return std::nullopt;
  }
  if (!is_digit(compact.front()) && compact.front() != '.') return std::nullopt;
  if (!is_digit(compact.back())) return std::nullopt;

  const std::size_t last_comma = compact.rfind(',');
  const std::size_t last_dot = compact.rfind('.');
  std::string plain;
  if (last_comma != std::string::npos && last_dot != std::string::npos) {
    const bool comma_is_point = last_comma > last_dot;
    const char group = comma_is_point ? '.' : ',';
    const std::size_t at = comma_is_point ? last_comma : last_dot;
    const std::string_view whole = std::string_view(compact).substr(0, at);
    const std::string_view fraction = std::string_view(compact).substr(at + 1);
    if (!is_grouping(whole, group) || fraction.find_first_of(",.") != std::string::npos) {
      return std::nullopt;
    }
    plain = without(whole, group) + "." + std::string(fraction);
  } else if (last_comma != std::string::npos || last_dot != std::string::npos) {
    const char separator = last_comma != std::string::npos ? ',' : '.';
    const std::size_t count =
        static_cast<std::size_t>(std::count(compact.begin(), compact.end(), separator));
    // One dot is a decimal point ("1.500" is a price); one comma with three digits after it groups
    // thousands ("42,500"), as English-writing channels use them.
    if ((separator == ',' || count > 1) && is_grouping(compact, separator)) {
      plain = without(compact, separator);
    } else if (count == 1) {
      plain = compact;
      if (separator == ',') plain[compact.find(',')] = '.';
    } else {
      return std::nullopt;
    }
  } else {
    plain = compact;
  }

  auto value = core::Decimal::try_parse(plain);
  if (!value) return std::nullopt;
  if (multiplier != 1) {
    auto scaled = core::checked_mul(*value, core::Decimal::from_int(multiplier));
    if (!scaled) return std::nullopt;
    return strip_trailing_zeros(*scaled);
  }
  return strip_trailing_zeros(*value);
}

}  // namespace sigtrader::signals
