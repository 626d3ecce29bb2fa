// Benchmarks of the candle loaders in src/market: candles per second (items/s) reading a file of
// 10^6 one-minute candles, generated once per run in a fresh temporary directory that is removed
// at exit. Each loader reads the same candles, written in its own format.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

#include <fmt/format.h>
#include <unistd.h>

#include <benchmark/benchmark.h>

#include "market/binance_csv_loader.hpp"
#include "market/freqtrade_json_loader.hpp"
#include "market/plain_csv_loader.hpp"

namespace {

namespace fs = std::filesystem;
namespace market = sigtrader::market;

constexpr std::int64_t kCandles = 1'000'000;
constexpr std::int64_t kFirstOpenMs = 1'704'067'200'000;  // 2024-01-01T00:00:00Z
constexpr std::int64_t kMinuteMs = 60'000;

// One generated candle, prices in cents so that the text is exact with two decimals.
struct Row {
  std::int64_t open_ms;
  std::int64_t open, high, low, close;  // cents
  std::int64_t volume;                  // thousandths
};

// A deterministic walk around 42000.00 that keeps low <= open, close <= high.
template <typename Write>
void generate(Write&& write) {
  std::uint64_t state = 12345;
  auto next = [&state](std::int64_t range) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
    return static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(range));
  };
  std::int64_t price = 4'200'000;
  for (std::int64_t i = 0; i < kCandles; ++i) {
    const std::int64_t open = price;
    price = std::max<std::int64_t>(100, price + next(2001) - 1000);
    const std::int64_t high = std::max(open, price) + next(500);
    const std::int64_t low = std::max<std::int64_t>(1, std::min(open, price) - next(500));
    write(Row{kFirstOpenMs + i * kMinuteMs, open, high, low, price, 1 + next(5'000'000)});
  }
}

std::string cents(std::int64_t value) {
  return fmt::format("{}.{:02}", value / 100, value % 100);
}
std::string thousandths(std::int64_t value) {
  return fmt::format("{}.{:03}", value / 1000, value % 1000);
}

// "2024-01-01 00:00:00" for an epoch in milliseconds.
std::string iso_time(std::int64_t epoch_ms) {
  const std::int64_t seconds = epoch_ms / 1000;
  const std::int64_t days = seconds / 86'400;
  const std::int64_t second_of_day = seconds % 86'400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's days_from_civil inverse).
  const std::int64_t z = days + 719'468;
  const std::int64_t era = z / 146'097;
  const std::int64_t day_of_era = z - era * 146'097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const std::int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", year, month, day, second_of_day / 3600,
                     second_of_day / 60 % 60, second_of_day % 60);
}

// The three files, written on first use into a directory of their own.
class Files {
 public:
  Files() {
    std::string pattern = (fs::temp_directory_path() / "sigtrader-loader-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    binance_ = dir_ / "BTCUSDT-1m-2024-01.csv";
    plain_ = dir_ / "BTCUSDT-1m.csv";
    freqtrade_ = dir_ / "BTC_USDT-1m.json";
    write_binance();
    write_plain();
    write_freqtrade();
  }
  ~Files() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  Files(const Files&) = delete;
  Files& operator=(const Files&) = delete;

  const fs::path& binance() const { return binance_; }
  const fs::path& plain() const { return plain_; }
  const fs::path& freqtrade() const { return freqtrade_; }

 private:
  void write_binance() const {
    std::ofstream out(binance_, std::ios::binary);
    out << "open_time,open,high,low,close,volume,close_time,quote_volume,count,"
           "taker_buy_volume,taker_buy_quote_volume,ignore\n";
    generate([&](const Row& row) {
      // Quote volume ~ volume × close, rounded to cents; taker buys are half of each.
      const std::int64_t quote = row.volume * row.close / 1000;
      out << fmt::format("{},{},{},{},{},{},{},{},{},{},{},0\n", row.open_ms, cents(row.open),
                         cents(row.high), cents(row.low), cents(row.close), thousandths(row.volume),
                         row.open_ms + kMinuteMs - 1, cents(quote), row.volume % 997,
                         thousandths(row.volume / 2), cents(quote / 2));
    });
  }

  void write_plain() const {
    std::ofstream out(plain_, std::ios::binary);
    out << "timestamp,open,high,low,close,volume\n";
    generate([&](const Row& row) {
      out << fmt::format("{},{},{},{},{},{}\n", iso_time(row.open_ms), cents(row.open),
                         cents(row.high), cents(row.low), cents(row.close),
                         thousandths(row.volume));
    });
  }

  void write_freqtrade() const {
    std::ofstream out(freqtrade_, std::ios::binary);
    out << '[';
    bool first = true;
    generate([&](const Row& row) {
      out << fmt::format("{}[{},{},{},{},{},{}]", first ? "" : ",", row.open_ms, cents(row.open),
                         cents(row.high), cents(row.low), cents(row.close),
                         thousandths(row.volume));
      first = false;
    });
    out << ']';
  }

  fs::path dir_;
  fs::path binance_;
  fs::path plain_;
  fs::path freqtrade_;
};

const Files& files() {
  static const Files generated;
  return generated;
}

template <typename Load>
void run(benchmark::State& state, const fs::path& path, Load&& load) {
  for (auto _ : state) {
    auto series = load(path);
    if (!series.ok() || series->candles.size() != static_cast<std::size_t>(kCandles) ||
        !series->report.clean()) {
      state.SkipWithError("the generated file did not load as 10^6 clean candles");
      return;
    }
    benchmark::DoNotOptimize(series->candles.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * kCandles);
}

void BM_LoadBinanceCsv(benchmark::State& state) {
  run(state, files().binance(), market::load_binance_csv);
}

void BM_LoadPlainCsv(benchmark::State& state) {
  run(state, files().plain(), market::load_plain_csv);
}

void BM_LoadFreqtradeJson(benchmark::State& state) {
  run(state, files().freqtrade(), market::load_freqtrade_json);
}

BENCHMARK(BM_LoadBinanceCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadPlainCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadFreqtradeJson)->Unit(benchmark::kMillisecond);

}  // namespace
