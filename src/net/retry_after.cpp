#include "net/retry_after.hpp"

#include <array>
#include <cstdint>

namespace sigtrader::net {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

std::optional<std::int64_t> digits(std::string_view text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "Wed, 21 Oct 2015 07:28:00 GMT": fixed widths, so fields sit at fixed offsets.
std::optional<core::Timestamp> parse_imf_fixdate(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i) {
    if (text.substr(8, 3) == kMonths[i]) month = i + 1;
  }
  const auto day = digits(text.substr(5, 2));
  const auto year = digits(text.substr(12, 4));
  const auto hour = digits(text.substr(17, 2));
  const auto minute = digits(text.substr(20, 2));
  const auto second = digits(text.substr(23, 2));
  if (month == 0 || !day || !year || !hour || !minute || !second || *hour > 23 || *minute > 59 ||
      *second > 60) {
    return std::nullopt;
  }
  auto midnight =
      core::Timestamp::from_date(static_cast<int>(*year), month, static_cast<unsigned>(*day));
  if (!midnight.ok()) return std::nullopt;
  return *midnight + core::Duration::seconds(*hour * 3600 + *minute * 60 + *second);
}

}  // namespace

std::optional<core::Duration> parse_retry_after(std::string_view value, core::Timestamp now) {
  value = trim(value);
  if (const auto seconds = digits(value)) return core::Duration::seconds(*seconds);
  if (const auto at = parse_imf_fixdate(value)) {
    return *at > now ? *at - now : core::Duration();
  }
  return std::nullopt;
}

}  // namespace sigtrader::net
