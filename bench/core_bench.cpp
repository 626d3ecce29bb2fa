// Benchmarks of src/core and src/bus hot paths. Targets (issue 3): decimal parse and format
// >= 30 M/s each; bus publish to 3 subscribers >= 20 M events/s.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <benchmark/benchmark.h>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/decimal.hpp"

namespace {

using sigtrader::core::Decimal;

// Decimal benchmarks

// Prices, quantities, tick/step sizes, balances and funding rates as Binance and Bybit send them.
constexpr std::array<std::string_view, 64> kExchangeStrings = {
    "68123.50",
    "0.00001234",
    "68123.5",
    "0.001",
    "3500.12",
    "0.10000000",
    "100",
    "-42.125",
    "1000000000000",
    "10000000.00000000",
    "0.01000000",
    "2650.7",
    "0.00100000",
    "42000.01000000",
    "1.2345",
    "0.5",
    "64210.5",
    "0.000001",
    "25.00000000",
    "0.00010000",
    "-0.00003750",
    "1021.85250",
    "0.015",
    "99999.99",
    "68124.00",
    "0.00002",
    "12.3456789",
    "1.00000000",
    "-68123.50",
    "0.00000001",
    "35000.00000000",
    "0.0025",
    "3.141",
    "50000",
    "0.030",
    "1900.0",
    "0.12345000",
    "7.70000",
    "0.25",
    "-0.5",
    "68122.90",
    "0.00875000",
    "120",
    "1.5",
    "2500.75",
    "0.00001000",
    "68123.51",
    "0.46",
    "27.3",
    "0.00000500",
    "4200",
    "0.30000000",
    "19.99",
    "0.0146792",
    "68121.10",
    "0.002",
    "151.234",
    "0.00012345",
    "68125.00",
    "8.5",
    "0.03100000",
    "-1.25",
    "0.07",
    "68130.00",
};

void BM_DecimalParse(benchmark::State& state) {
  std::size_t next = 0;
  for (auto _ : state) {
    auto parsed = Decimal::try_parse(kExchangeStrings[next]);
    benchmark::DoNotOptimize(parsed);
    next = (next + 1) % kExchangeStrings.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecimalParse);

// format_to into a stack buffer: what the event log and the exchange adapters use.
void BM_DecimalFormat(benchmark::State& state) {
  std::array<Decimal, kExchangeStrings.size()> values;
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = Decimal::parse(kExchangeStrings[i]);
  char buffer[Decimal::kMaxChars];
  std::size_t next = 0;
  for (auto _ : state) {
    const std::size_t length = values[next].format_to(buffer);
    benchmark::DoNotOptimize(length);
    benchmark::DoNotOptimize(buffer);
    benchmark::ClobberMemory();
    next = (next + 1) % values.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecimalFormat);

// to_string(): format_to plus a std::string, which allocates past the small-string buffer.
void BM_DecimalToString(benchmark::State& state) {
  std::array<Decimal, kExchangeStrings.size()> values;
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = Decimal::parse(kExchangeStrings[i]);
  std::size_t next = 0;
  for (auto _ : state) {
    std::string text = values[next].to_string();
    benchmark::DoNotOptimize(text);
    next = (next + 1) % values.size();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecimalToString);

// Bus benchmarks

// A small event of the size a tick or candle update has: what the kernel publishes most.
struct PriceUpdate {
  std::int64_t ts_ns;
  std::int64_t price_mantissa;
  std::int32_t instrument;
};

// One event type, three subscribers doing a little work each (as a strategy, the risk engine and
// the portfolio would).
void BM_BusPublishToThreeSubscribers(benchmark::State& state) {
  sigtrader::bus::MessageBus bus;
  std::int64_t sum_a = 0;
  std::int64_t sum_b = 0;
  std::int64_t last_ts = 0;
  bus.subscribe<PriceUpdate>([&](const PriceUpdate& e) { sum_a += e.price_mantissa; });
  bus.subscribe<PriceUpdate>([&](const PriceUpdate& e) { sum_b += e.instrument; });
  bus.subscribe<PriceUpdate>([&](const PriceUpdate& e) { last_ts = e.ts_ns; });
  PriceUpdate event{0, 6'812'350, 1};
  for (auto _ : state) {
    ++event.ts_ns;
    bus.publish(event);
  }
  benchmark::DoNotOptimize(sum_a);
  benchmark::DoNotOptimize(sum_b);
  benchmark::DoNotOptimize(last_ts);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BusPublishToThreeSubscribers);

// A full OrderEvent (strings, optionals) to three subscribers: the heavier, rarer case.
void BM_BusPublishOrderEventToThreeSubscribers(benchmark::State& state) {
  sigtrader::bus::MessageBus bus;
  std::size_t seen = 0;
  for (int i = 0; i < 3; ++i) {
    bus.subscribe<sigtrader::bus::OrderEvent>(
        [&](const sigtrader::bus::OrderEvent& e) { seen += e.client_order_id.str().size(); });
  }
  sigtrader::bus::OrderEvent event;
  event.client_order_id = sigtrader::core::ClientOrderId("st-1704067200000-1");
  event.symbol = sigtrader::core::Symbol{"BTC", "USDT"};
  event.quantity = sigtrader::core::Quantity::parse("0.015");
  event.price = sigtrader::core::Price::parse("68123.50");
  for (auto _ : state)
    bus.publish(event);
  benchmark::DoNotOptimize(seen);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BusPublishOrderEventToThreeSubscribers);

}  // namespace
