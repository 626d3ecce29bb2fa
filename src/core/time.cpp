#include "core/time.hpp"

#include <chrono>
#include <cstdint>

#include <fmt/format.h>

#include "core/int128.hpp"

namespace sigtrader::core {
namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kNsPerDay = 86'400 * kNsPerSecond;

// Reads exactly `count` digits at `pos`; false when a character is not a digit.
bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

Error iso_error(std::string_view text, std::string_view why) {
  return Error(ErrorCode::kParse, fmt::format("\"{}\" is not an ISO-8601 time: {} (expected e.g. "
                                              "2024-01-01T12:00:00Z or 2024-01-01)",
                                              text, why));
}

struct Unit {
  std::string_view suffix;
  std::int64_t ns;
};
// Longest suffix first so that "ms" is not read as "m" followed by "s".
constexpr Unit kUnits[] = {{"ms", 1'000'000},
                           {"us", 1'000},
                           {"ns", 1},
                           {"d", kNsPerDay},
                           {"h", 3'600 * kNsPerSecond},
                           {"m", 60 * kNsPerSecond},
                           {"s", kNsPerSecond}};

}  // namespace

Result<Duration> Duration::try_parse(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Error(ErrorCode::kParse,
                 fmt::format("\"{}\" is not a duration: {} (expected e.g. 90s, 15m, 4h, 1d, "
                             "250ms, 1h30m)",
                             text, why));
  };
  if (text.empty()) return bad("it is empty");
  std::size_t pos = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    pos = 1;
  }
  if (pos == text.size()) return bad("no number");
  Int128 total = 0;
  while (pos < text.size()) {
    std::int64_t number = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (number > (INT64_MAX - 9) / 10) return bad("number too large");
      number = number * 10 + (text[pos] - '0');
      ++pos;
      ++digits;
    }
    if (digits == 0) return bad(fmt::format("expected a number at position {}", pos));
    const Unit* unit = nullptr;
    for (const auto& candidate : kUnits) {
      if (text.substr(pos, candidate.suffix.size()) == candidate.suffix) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) return bad(fmt::format("missing unit after {}", number));
    pos += unit->suffix.size();
    total += static_cast<Int128>(number) * unit->ns;
    if (total > INT64_MAX) return bad("too long");
  }
  auto ns = static_cast<std::int64_t>(total);
  return Duration(negative ? -ns : ns);
}

std::string Duration::to_string() const {
  if (ns_ == 0) return "0s";
  std::string out;
  std::int64_t rest = ns_;
  if (rest < 0) {
    out.push_back('-');
    rest = -rest;
  }
  // Whole units from the largest down; the sub-second remainder uses the coarsest exact unit.
  constexpr Unit kWhole[] = {
      {"d", kNsPerDay}, {"h", 3'600 * kNsPerSecond}, {"m", 60 * kNsPerSecond}, {"s", kNsPerSecond}};
  for (const auto& unit : kWhole) {
    if (rest >= unit.ns) {
      out += fmt::format("{}{}", rest / unit.ns, unit.suffix);
      rest %= unit.ns;
    }
  }
  if (rest != 0) {
    if (rest % 1'000'000 == 0) {
      out += fmt::format("{}ms", rest / 1'000'000);
    } else if (rest % 1'000 == 0) {
      out += fmt::format("{}us", rest / 1'000);
    } else {
      out += fmt::format("{}ns", rest);
    }
  }
  return out;
}

Result<Timestamp> Timestamp::from_date(int year, unsigned month, unsigned day) {
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok()) {
    return Error(ErrorCode::kOutOfRange,
                 fmt::format("{:04}-{:02}-{:02} is not a calendar date", year, month, day));
  }
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return Timestamp(static_cast<std::int64_t>(days) * kNsPerDay);
}

Result<Timestamp> Timestamp::try_parse_iso8601(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() < 10 || !read_digits(text, 0, 4, year) || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day)) {
    return iso_error(text, "the date must be YYYY-MM-DD");
  }
  auto midnight = from_date(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (!midnight) return iso_error(text, "no such date");
  std::int64_t ns = midnight->ns();
  std::size_t pos = 10;
  if (pos == text.size()) return Timestamp(ns);

  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') {
    return iso_error(text, "expected 'T' or a space after the date");
  }
  ++pos;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (!read_digits(text, pos, 2, hour) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
      !read_digits(text, pos + 3, 2, minute)) {
    return iso_error(text, "the time must be HH:MM[:SS[.fraction]]");
  }
  pos += 5;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, second)) return iso_error(text, "bad seconds");
    pos += 3;
  }
  if (hour > 23 || minute > 59 || second > 59) return iso_error(text, "time of day out of range");
  ns += (hour * 3'600LL + minute * 60LL + second) * kNsPerSecond;

  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    ++pos;
    std::int64_t fraction = 0;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits == 9) return iso_error(text, "more than 9 fraction digits");
      fraction = fraction * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return iso_error(text, "no digits after the decimal point");
    for (int i = digits; i < 9; ++i)
      fraction *= 10;
    ns += fraction;
  }

  if (pos == text.size()) return Timestamp(ns);
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return Timestamp(ns);
  if (text[pos] == '+' || text[pos] == '-') {
    const int sign = text[pos] == '+' ? 1 : -1;
    int offset_hours = 0;
    int offset_minutes = 0;
    std::size_t rest = pos + 1;
    if (!read_digits(text, rest, 2, offset_hours)) return iso_error(text, "bad UTC offset");
    rest += 2;
    if (rest < text.size() && text[rest] == ':') ++rest;
    if (rest < text.size()) {
      if (!read_digits(text, rest, 2, offset_minutes)) return iso_error(text, "bad UTC offset");
      rest += 2;
    }
    if (rest != text.size() || offset_hours > 23 || offset_minutes > 59) {
      return iso_error(text, "bad UTC offset");
    }
    // 12:00+02:00 is 10:00Z.
    ns -= sign * (offset_hours * 3'600LL + offset_minutes * 60LL) * kNsPerSecond;
    return Timestamp(ns);
  }
  return iso_error(text, fmt::format("unexpected '{}' at position {}", text[pos], pos));
}

std::string Timestamp::to_iso8601() const {
  const std::int64_t day_number = floor_div(ns_, kNsPerDay);
  const std::int64_t in_day = ns_ - day_number * kNsPerDay;
  const std::chrono::year_month_day date{
      std::chrono::sys_days(std::chrono::days(static_cast<std::int32_t>(day_number)))};
  const std::int64_t seconds_in_day = in_day / kNsPerSecond;
  const std::int64_t fraction = in_day % kNsPerSecond;
  std::string out =
      fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  seconds_in_day / 3'600, (seconds_in_day / 60) % 60, seconds_in_day % 60);
  if (fraction != 0) {
    if (fraction % 1'000'000 == 0) {
      out += fmt::format(".{:03}", fraction / 1'000'000);
    } else if (fraction % 1'000 == 0) {
      out += fmt::format(".{:06}", fraction / 1'000);
    } else {
      out += fmt::format(".{:09}", fraction);
    }
  }
  out.push_back('Z');
  return out;
}

std::string Timestamp::date_string() const {
  return to_iso8601().substr(0, 10);
}

int Timestamp::hour() const {
  const std::int64_t in_day = ns_ - floor_div(ns_, kNsPerDay) * kNsPerDay;
  return static_cast<int>(in_day / (3'600 * kNsPerSecond));
}

Timestamp Timestamp::start_of_day() const {
  return Timestamp(floor_div(ns_, kNsPerDay) * kNsPerDay);
}

Timestamp Timestamp::floor_to(Duration step) const {
  SIGTRADER_ASSERT(step.count_ns() > 0, "floor_to needs a positive step");
  return Timestamp(floor_div(ns_, step.count_ns()) * step.count_ns());
}

}  // namespace sigtrader::core
