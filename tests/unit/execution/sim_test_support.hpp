#pragma once

// Shared set-up of the SimExchange and OrderManager tests: instruments, a recording listener and a
// driver that feeds hourly candles with the clock at each candle's close, as the kernel does.
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "execution/sim_exchange.hpp"

namespace sigtrader::execution::testing {

inline const core::Timestamp kT0 = core::Timestamp::from_seconds(1'704'067'200);  // 2024-01-01
inline constexpr core::Duration kHour = core::Duration::hours(1);
inline const core::Symbol kBtc{"BTC", "USDT"};
inline const core::Symbol kEth{"ETH", "USDT"};

inline core::Price px(std::string_view text) {
  return core::Price::parse(text);
}
inline core::Quantity qty(std::string_view text) {
  return core::Quantity::parse(text);
}
inline core::Money usd(std::string_view text) {
  return core::Money::parse(text);
}

// BTC/USDT spot: tick 0.01, step 0.001, min notional 5.
inline core::Instrument btc_spot() {
  return core::Instrument{
      kBtc,     "sim", core::InstrumentKind::kSpot, px("0.01"), qty("0.001"), qty("0.001"),
      usd("5"), 1};
}
// ETH/USDT perpetual: tick 0.01, step 0.001, up to 20x.
inline core::Instrument eth_perpetual() {
  return core::Instrument{
      kEth,     "sim", core::InstrumentKind::kPerpetual, px("0.01"), qty("0.001"), qty("0.001"),
      usd("5"), 20};
}

// Fees 0.02 % maker / 0.05 % taker, no slippage, no latency, 10 000 USDT.
inline SimExchangeConfig base_config() {
  SimExchangeConfig config;
  config.starting_balances = {{"USDT", usd("10000")}};
  config.maker_fee_rate = core::Decimal::parse("0.0002");
  config.taker_fee_rate = core::Decimal::parse("0.0005");
  return config;
}

class RecordingListener final : public ExecutionListener {
 public:
  void on_execution_report(const ExecutionReport& report) override { reports.push_back(report); }
  void on_funding(const FundingPayment& payment) override { funding.push_back(payment); }

  std::vector<ExecutionReport> of_kind(ExecutionReport::Kind kind) const {
    std::vector<ExecutionReport> out;
    for (const auto& report : reports) {
      if (report.kind == kind) out.push_back(report);
    }
    return out;
  }
  std::vector<ExecutionReport> reports;
  std::vector<FundingPayment> funding;
};

inline market::Candle candle(core::Timestamp open_time, std::string_view open,
                             std::string_view high, std::string_view low, std::string_view close,
                             std::string_view volume = "1000") {
  market::Candle c;
  c.open_time = open_time;
  c.open = px(open);
  c.high = px(high);
  c.low = px(low);
  c.close = px(close);
  c.volume = qty(volume);
  return c;
}

inline OrderRequest request(std::string id, const core::Symbol& symbol, core::OrderSide side,
                            core::OrderType type, std::string_view quantity) {
  OrderRequest r;
  r.client_order_id = core::ClientOrderId(std::move(id));
  r.symbol = symbol;
  r.side = side;
  r.type = type;
  r.quantity = qty(quantity);
  return r;
}

// A SimExchange on a SimClock at kT0, with a recording listener and an hourly candle feed.
class SimHarness {
 public:
  explicit SimHarness(SimExchangeConfig config = base_config())
      : exchange(std::move(config), clock, {btc_spot(), eth_perpetual()}) {
    exchange.set_listener(&listener);
  }

  // The next hourly candle of `symbol` (open at kT0 + n h), with the clock moved to its close.
  void feed(const core::Symbol& symbol, std::string_view open, std::string_view high,
            std::string_view low, std::string_view close, std::string_view volume = "1000") {
    const core::Timestamp open_time = kT0 + kHour * candles;
    ++candles;
    clock.advance_to(open_time + kHour);
    const auto status =
        exchange.on_candle(symbol, candle(open_time, open, high, low, close, volume), kHour);
    ASSERT_TRUE(status.ok()) << status.error().message();
  }

  void place(const OrderRequest& r) {
    const auto status = exchange.place_order(r);
    ASSERT_TRUE(status.ok()) << status.error().message();
  }

  core::Money balance(std::string_view asset) {
    auto all = exchange.balances();
    for (const auto& b : *all) {
      if (b.asset == asset) return b.total;
    }
    return core::Money::zero();
  }
  core::Money available(std::string_view asset) {
    auto all = exchange.balances();
    for (const auto& b : *all) {
      if (b.asset == asset) return b.available;
    }
    return core::Money::zero();
  }
  core::OrderStatus status(const core::Symbol& symbol, std::string_view id) {
    auto order = exchange.query_order(symbol, core::ClientOrderId(std::string(id)));
    EXPECT_TRUE(order.ok());
    return order.ok() ? order->status() : core::OrderStatus::kRejected;
  }

  core::SimClock clock{kT0};
  RecordingListener listener;
  SimExchange exchange;
  std::int64_t candles = 0;
};

}  // namespace sigtrader::execution::testing
