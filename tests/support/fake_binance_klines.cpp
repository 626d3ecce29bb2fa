#include "support/fake_binance_klines.hpp"

#include <map>

#include <fmt/format.h>

namespace sigtrader::test_support {

namespace {

// Interval lengths in ms, written out here rather than taken from the code under test.
const std::map<std::string, std::int64_t>& intervals() {
  static const std::map<std::string, std::int64_t> table = {
      {"1m", 60'000},      {"3m", 180'000},    {"5m", 300'000},     {"15m", 900'000},
      {"30m", 1'800'000},  {"1h", 3'600'000},  {"2h", 7'200'000},   {"4h", 14'400'000},
      {"6h", 21'600'000},  {"8h", 28'800'000}, {"12h", 43'200'000}, {"1d", 86'400'000},
      {"3d", 259'200'000}, {"1w", 604'800'000}};
  return table;
}

FakeResponse binance_error(int status, int code, const std::string& msg) {
  return FakeResponse::json(fmt::format(R"({{"code":{},"msg":"{}"}})", code, msg), status);
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

struct KlineValues {
  std::int64_t n;
  std::int64_t open;
};

KlineValues values_for(std::int64_t open_ms) {
  const std::int64_t n = (open_ms / 60'000) % 10'000;
  return {n, 30'000 + n};
}

}  // namespace

std::string fake_kline_csv(std::int64_t open_ms, std::int64_t interval_ms) {
  const KlineValues v = values_for(open_ms);
  return fmt::format(
      "{},{}.00000000,{}.00000000,{}.00000000,{}.00000000,1.50000000,{},45000.00000000,{},"
      "0.70000000,21000.00000000,0",
      open_ms, v.open, v.open + 5, v.open - 5, v.open + 1, open_ms + interval_ms - 1, v.n);
}

std::string fake_kline_json(std::int64_t open_ms, std::int64_t interval_ms) {
  const KlineValues v = values_for(open_ms);
  return fmt::format(
      R"([{},"{}.00000000","{}.00000000","{}.00000000","{}.00000000","1.50000000",{},)"
      R"("45000.00000000",{},"0.70000000","21000.00000000","0"])",
      open_ms, v.open, v.open + 5, v.open - 5, v.open + 1, open_ms + interval_ms - 1, v.n);
}

FakeResponse FakeBinanceKlines::operator()(const FakeRequest& request) {
  FakeResponse response = answer(request);
  std::lock_guard lock(mutex_);
  if (used_weight_ < 0) used_weight_ = options_.initial_used_weight;
  used_weight_ += options_.weight_per_request;
  response.headers.emplace_back("x-mbx-used-weight-1m", std::to_string(used_weight_));
  return response;
}

FakeResponse FakeBinanceKlines::answer(const FakeRequest& request) const {
  if (request.method != "GET" || request.path != "/api/v3/klines") {
    return FakeResponse::json(R"({"code":-1,"msg":"not found"})", 404);
  }
  for (const auto& [name, value] : request.query) {
    if (name != "symbol" && name != "interval" && name != "startTime" && name != "endTime" &&
        name != "limit" && name != "timeZone") {
      return binance_error(400, -1101, fmt::format("Unknown parameter '{}'.", name));
    }
  }
  const std::string symbol = request.param("symbol");
  if (symbol.empty()) {
    return binance_error(400, -1102,
                         "Mandatory parameter 'symbol' was not sent, was empty/null, or "
                         "malformed.");
  }
  if (options_.symbols.count(symbol) == 0) return binance_error(400, -1121, "Invalid symbol.");
  const auto interval = intervals().find(request.param("interval"));
  if (interval == intervals().end()) return binance_error(400, -1120, "Invalid interval.");
  const std::int64_t step = interval->second;

  std::int64_t limit = 500;
  if (request.query.count("limit") != 0) {
    const auto parsed = whole_number(request.param("limit"));
    if (!parsed || *parsed < 1 || *parsed > 1000) {
      return binance_error(400, -1100, "Illegal characters found in parameter 'limit'.");
    }
    limit = *parsed;
  }
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> end;
  for (const auto& [name, slot] : {std::pair{"startTime", &start}, std::pair{"endTime", &end}}) {
    if (request.query.count(name) == 0) continue;
    *slot = whole_number(request.param(name));
    if (!*slot) {
      return binance_error(400, -1100,
                           fmt::format("Illegal characters found in parameter '{}'.", name));
    }
  }
  if (start && end && *start > *end) {
    return binance_error(400, -1023, "Start time is greater than end time.");
  }

  const std::int64_t first_possible = options_.listed_at_ms;
  std::int64_t last_possible = end.value_or(INT64_MAX / 2);
  if (options_.now_ms) last_possible = std::min(last_possible, *options_.now_ms);
  // The first aligned open time at or after startTime.
  std::int64_t open = std::max(start.value_or(first_possible), first_possible);
  open = (open + step - 1) / step * step;
  std::string body = "[";
  for (std::int64_t count = 0; count < limit && open <= last_possible; ++count, open += step) {
    if (count > 0) body += ",";
    body += fake_kline_json(open, step);
  }
  body += "]";
  return FakeResponse::json(std::move(body));
}

}  // namespace sigtrader::test_support
