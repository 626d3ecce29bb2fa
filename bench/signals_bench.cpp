// Parse throughput of the rule parser over the labeled corpus (data/corpus), messages per second
// (items/s), and the 99th percentile of the time one message takes. Targets (issue 5, parse +
// classify): >= 150 k messages/s on one core, p99 <= 20 µs.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include <benchmark/benchmark.h>

#include "signals/signal_parser.hpp"

namespace {

const std::vector<std::string>& corpus_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    for (const char* part : {"a.jsonl", "b.jsonl"}) {
      std::ifstream in(std::filesystem::path(SIGTRADER_SOURCE_DIR) / "data/corpus" / part);
      std::string line;
      while (std::getline(in, line)) {
        if (!line.empty()) out.emplace_back(boost::json::parse(line).at("text").as_string());
      }
    }
    return out;
  }();
  return texts;
}

void BM_ParseCorpus(benchmark::State& state) {
  const auto& texts = corpus_texts();
  if (texts.empty()) {
    state.SkipWithError("data/corpus is empty");
    return;
  }
  std::vector<double> micros;
  micros.reserve(texts.size());
  for (auto _ : state) {
    for (const std::string& text : texts) {
      benchmark::DoNotOptimize(sigtrader::signals::parse_signal(text));
    }
  }
  // One timed pass per message for the latency distribution.
  for (const std::string& text : texts) {
    const auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(sigtrader::signals::parse_signal(text));
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(micros.begin(), micros.end());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts.size()));
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);

}  // namespace
