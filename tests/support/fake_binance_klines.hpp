#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "support/fake_http_server.hpp"

// A fake of Binance spot's GET /api/v3/klines that checks its parameters as the real endpoint
// does and answers with deterministic klines, so that tests can compute the expected file.
namespace sigtrader::test_support {

// The kline with this open time, as a Binance public-data CSV line (no newline). Prices follow
// the open time: n = (open_ms / 60000) % 10000, open = 30000 + n, high = open + 5,
// low = open - 5, close = open + 1, all with 8 decimals; volume 1.5; trades n.
std::string fake_kline_csv(std::int64_t open_ms, std::int64_t interval_ms);
// The same kline as the JSON array the REST endpoint returns.
std::string fake_kline_json(std::int64_t open_ms, std::int64_t interval_ms);

class FakeBinanceKlines {
 public:
  struct Options {
    std::set<std::string> symbols = {"BTCUSDT"};
    std::int64_t listed_at_ms = 1'502'928'000'000;  // 2017-08-17, BTCUSDT's first kline
    // The server's now: the kline open at this instant is returned too (still forming), as
    // Binance does. None means no kline is forming within any range asked for.
    std::optional<std::int64_t> now_ms;
    std::int64_t weight_per_request = 2;  // GET /api/v3/klines costs 2
    std::int64_t initial_used_weight = 0;
  };

  FakeBinanceKlines() : FakeBinanceKlines(Options{}) {}
  explicit FakeBinanceKlines(Options options) : options_(std::move(options)) {}

  // The answer to one request, with X-MBX-USED-WEIGHT-1M growing by the request's weight.
  FakeResponse operator()(const FakeRequest& request);
  // A handler for FakeHttpServer that forwards to this object (which must outlive the server).
  FakeHandler handler() {
    return [this](const FakeRequest& request) { return (*this)(request); };
  }

 private:
  FakeResponse answer(const FakeRequest& request) const;

  Options options_;
  std::mutex mutex_;
  std::int64_t used_weight_ = -1;
};

}  // namespace sigtrader::test_support
