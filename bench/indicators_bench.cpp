// Benchmarks of src/market/indicators over 10^7 candles, reported per element (items/s).
// Targets (issue 4), batch: SMA <= 1.2 ns, EMA <= 2.4 ns, RSI <= 5 ns, MACD, ATR and Bollinger
// <= 2.5 ns each; streaming, per update: EMA <= 4 ns, RSI <= 8 ns, MACD <= 6 ns, ATR <= 5 ns,
// Bollinger <= 6 ns. Batch functions must not allocate: each batch benchmark reports
// allocations_per_call, counted by the replaced global operator new below.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "market/indicators/atr.hpp"
#include "market/indicators/bollinger.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/macd.hpp"
#include "market/indicators/rsi.hpp"
#include "market/indicators/sma.hpp"

namespace {
std::atomic<std::int64_t> heap_allocations{0};
}  // namespace

// Every heap allocation of the process goes through here, so a benchmark can count its own. None
// of them is inlined: GCC would then see malloc and free on the other side of a new or a
// delete and warn of a mismatch.
[[gnu::noinline]] void* operator new(std::size_t size) {
  heap_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* memory = std::malloc(size == 0 ? 1 : size)) return memory;
  throw std::bad_alloc();
}
[[gnu::noinline]] void operator delete(void* memory) noexcept {
  std::free(memory);
}
[[gnu::noinline]] void operator delete(void* memory, std::size_t) noexcept {
  std::free(memory);
}

namespace {

namespace ind = sigtrader::market::indicators;

constexpr std::size_t kCandles = 10'000'000;

struct Series {
  std::vector<double> high, low, close;
};

// A fixed-seed random walk; built once and shared by every benchmark.
const Series& series() {
  static const Series data = [] {
    Series s;
    s.high.reserve(kCandles);
    s.low.reserve(kCandles);
    s.close.reserve(kCandles);
    std::mt19937_64 engine(7);
    auto step = [&engine] { return static_cast<double>(engine() % 2001) / 1000.0 - 1.0; };
    double price = 30000.0;
    for (std::size_t i = 0; i < kCandles; ++i) {
      const double open = price;
      price = std::max(1.0, price + 10.0 * step());
      s.close.push_back(price);
      s.high.push_back(std::max(open, price) + 5.0 * std::abs(step()));
      s.low.push_back(std::min(open, price) - 5.0 * std::abs(step()));
    }
    return s;
  }();
  return data;
}

void finish(benchmark::State& state) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(kCandles));
}

// For a batch benchmark: finish, and report the heap allocations per call since `before`.
void finish(benchmark::State& state, std::int64_t before) {
  const std::int64_t made = heap_allocations.load(std::memory_order_relaxed) - before;
  state.counters["allocations_per_call"] =
      static_cast<double>(made) / static_cast<double>(state.iterations());
  finish(state);
}

void BM_SmaBatch(benchmark::State& state) {
  const auto& s = series();
  std::vector<double> out(kCandles);
  const std::int64_t before = heap_allocations.load(std::memory_order_relaxed);
  for (auto _ : state) {
    ind::sma(s.close, 20, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  finish(state, before);
}

void BM_SmaStreaming(benchmark::State& state) {
  const auto& s = series();
  for (auto _ : state) {
    ind::Sma sma(20);
    for (double close : s.close)
      benchmark::DoNotOptimize(sma.update(close));
  }
  finish(state);
}

void BM_EmaBatch(benchmark::State& state) {
  const auto& s = series();
  std::vector<double> out(kCandles);
  const std::int64_t before = heap_allocations.load(std::memory_order_relaxed);
  for (auto _ : state) {
    ind::ema(s.close, 21, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  finish(state, before);
}

void BM_EmaStreaming(benchmark::State& state) {
  const auto& s = series();
  for (auto _ : state) {
    ind::Ema ema(21);
    for (double close : s.close)
      benchmark::DoNotOptimize(ema.update(close));
  }
  finish(state);
}

void BM_RsiBatch(benchmark::State& state) {
  const auto& s = series();
  std::vector<double> out(kCandles);
  const std::int64_t before = heap_allocations.load(std::memory_order_relaxed);
  for (auto _ : state) {
    ind::rsi(s.close, 14, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  finish(state, before);
}

void BM_RsiStreaming(benchmark::State& state) {
  const auto& s = series();
  for (auto _ : state) {
    ind::Rsi rsi(14);
    for (double close : s.close)
      benchmark::DoNotOptimize(rsi.update(close));
  }
  finish(state);
}

void BM_MacdBatch(benchmark::State& state) {
  const auto& s = series();
  std::vector<double> line(kCandles), signal(kCandles), histogram(kCandles);
  const std::int64_t before = heap_allocations.load(std::memory_order_relaxed);
  for (auto _ : state) {
    ind::macd(s.close, 12, 26, 9, line, signal, histogram);
    benchmark::DoNotOptimize(histogram.data());
    benchmark::ClobberMemory();
  }
  finish(state, before);
}

void BM_MacdStreaming(benchmark::State& state) {
  const auto& s = series();
  for (auto _ : state) {
    ind::Macd macd(12, 26, 9);
    for (double close : s.close)
      benchmark::DoNotOptimize(macd.update(close));
  }
  finish(state);
}

void BM_AtrBatch(benchmark::State& state) {
  const auto& s = series();
  std::vector<double> out(kCandles);
  const std::int64_t before = heap_allocations.load(std::memory_order_relaxed);
  for (auto _ : state) {
    ind::atr(s.high, s.low, s.close, 14, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  finish(state, before);
}

void BM_AtrStreaming(benchmark::State& state) {
  const auto& s = series();
  for (auto _ : state) {
    ind::Atr atr(14);
    for (std::size_t i = 0; i < kCandles; ++i) {
      benchmark::DoNotOptimize(atr.update(s.high[i], s.low[i], s.close[i]));
    }
  }
  finish(state);
}

void BM_BollingerBatch(benchmark::State& state) {
  const auto& s = series();
  std::vector<double> upper(kCandles), middle(kCandles), lower(kCandles);
  const std::int64_t before = heap_allocations.load(std::memory_order_relaxed);
  for (auto _ : state) {
    ind::bollinger(s.close, 20, 2.0, upper, middle, lower);
    benchmark::DoNotOptimize(lower.data());
    benchmark::ClobberMemory();
  }
  finish(state, before);
}

void BM_BollingerStreaming(benchmark::State& state) {
  const auto& s = series();
  for (auto _ : state) {
    ind::Bollinger bands(20, 2.0);
    for (double close : s.close)
      benchmark::DoNotOptimize(bands.update(close));
  }
  finish(state);
}

BENCHMARK(BM_SmaBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SmaStreaming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EmaBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EmaStreaming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RsiBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RsiStreaming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MacdBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MacdStreaming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AtrBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AtrStreaming)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BollingerBatch)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BollingerStreaming)->Unit(benchmark::kMillisecond);

}  // namespace
