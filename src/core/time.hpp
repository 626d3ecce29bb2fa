#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sigtrader::core {

// A span of time in whole nanoseconds.
class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration nanoseconds(std::int64_t n) { return Duration(n); }
  static constexpr Duration microseconds(std::int64_t n) { return Duration(n * 1'000); }
  static constexpr Duration milliseconds(std::int64_t n) { return Duration(n * 1'000'000); }
  static constexpr Duration seconds(std::int64_t n) { return Duration(n * 1'000'000'000); }
  static constexpr Duration minutes(std::int64_t n) { return seconds(n * 60); }
  static constexpr Duration hours(std::int64_t n) { return seconds(n * 3'600); }
  static constexpr Duration days(std::int64_t n) { return seconds(n * 86'400); }
  // "90s", "15m", "4h", "1d", "250ms", "1h30m": the forms configs and CLI flags use.
  static Result<Duration> try_parse(std::string_view text);

  constexpr std::int64_t count_ns() const { return ns_; }
  constexpr std::int64_t count_ms() const { return ns_ / 1'000'000; }
  constexpr double to_seconds() const { return static_cast<double>(ns_) / 1e9; }
  // The shortest exact form try_parse() reads back: "4h", "1h30m", "250ms", "0s".
  std::string to_string() const;

  constexpr Duration operator-() const { return Duration(-ns_); }
  friend constexpr Duration operator+(Duration a, Duration b) { return Duration(a.ns_ + b.ns_); }
  friend constexpr Duration operator-(Duration a, Duration b) { return Duration(a.ns_ - b.ns_); }
  friend constexpr Duration operator*(Duration a, std::int64_t k) { return Duration(a.ns_ * k); }
  friend constexpr std::int64_t operator/(Duration a, Duration b) { return a.ns_ / b.ns_; }
  friend constexpr auto operator<=>(Duration, Duration) = default;

 private:
  constexpr explicit Duration(std::int64_t ns) : ns_(ns) {}
  std::int64_t ns_ = 0;
};

// A point in time: nanoseconds since 1970-01-01T00:00:00Z (UTC, no leap seconds).
class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp from_ns(std::int64_t ns) { return Timestamp(ns); }
  static constexpr Timestamp from_ms(std::int64_t ms) { return Timestamp(ms * 1'000'000); }
  static constexpr Timestamp from_seconds(std::int64_t s) { return Timestamp(s * 1'000'000'000); }
  // ISO-8601 in UTC or with an offset: "2024-01-01", "2024-01-01T12:00:00Z",
  // "2024-01-01 12:00:00.123", "2024-01-01T12:00:00.123456789+02:00". No offset means UTC.
  static Result<Timestamp> try_parse_iso8601(std::string_view text);
  // UTC midnight of a civil date; kOutOfRange for an invalid date (2023-02-29).
  static Result<Timestamp> from_date(int year, unsigned month, unsigned day);

  constexpr std::int64_t ns() const { return ns_; }
  constexpr std::int64_t ms() const { return floor_div(ns_, 1'000'000); }
  constexpr std::int64_t seconds() const { return floor_div(ns_, 1'000'000'000); }

  // "2024-01-01T12:00:00Z", with .mmm, .uuuuuu or .nnnnnnnnn only when those digits are not zero.
  std::string to_iso8601() const;
  // "2024-01-01" (the UTC date) and the UTC hour 0..23: the event log's folder and file.
  std::string date_string() const;
  int hour() const;
  // The start of the UTC day that holds this instant.
  Timestamp start_of_day() const;
  // The largest multiple of `step` (since the epoch) not after this instant: candle open times.
  Timestamp floor_to(Duration step) const;

  friend constexpr Timestamp operator+(Timestamp t, Duration d) {
    return Timestamp(t.ns_ + d.count_ns());
  }
  friend constexpr Timestamp operator-(Timestamp t, Duration d) {
    return Timestamp(t.ns_ - d.count_ns());
  }
  friend constexpr Duration operator-(Timestamp a, Timestamp b) {
    return Duration::nanoseconds(a.ns_ - b.ns_);
  }
  Timestamp& operator+=(Duration d) { return *this = *this + d; }
  friend constexpr auto operator<=>(Timestamp, Timestamp) = default;

 private:
  constexpr explicit Timestamp(std::int64_t ns) : ns_(ns) {}
  static constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
  }
  std::int64_t ns_ = 0;
};

}  // namespace sigtrader::core
