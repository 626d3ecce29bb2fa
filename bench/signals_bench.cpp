// Throughput of the rule parser alone and of parse + classify with the trained model over the
// labeled corpus (data/corpus), messages per second (items/s), and the 99th percentile of the time
// one message takes. Targets (issue 5, parse + classify): >= 150 k messages/s on one core, p99 <=
// 20 µs.
#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "corpus_classifier.hpp"
#include "signals/signal_parser.hpp"
#include "signals/understood_post.hpp"

namespace {

// The corpus's texts, read once; empty when it cannot be read.
const std::vector<std::string>& corpus_texts() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    if (auto posts = sigtrader::bench::read_corpus(); posts.ok()) {
      for (const auto& post : *posts)
        out.push_back(post.text);
    }
    return out;
  }();
  return texts;
}

// Runs `work` over every corpus text per iteration, then once more timing each message alone, and
// reports messages/s (items/s) and the 50th and 99th percentile of one message's time.
template <typename Work>
void run_over_corpus(benchmark::State& state, Work&& work) {
  const auto& texts = corpus_texts();
  if (texts.empty()) {
    state.SkipWithError("data/corpus is empty");
    return;
  }
  for (auto _ : state) {
    for (const std::string& text : texts)
      work(text);
  }
  std::vector<double> micros;
  micros.reserve(texts.size());
  for (const std::string& text : texts) {
    const auto start = std::chrono::steady_clock::now();
    work(text);
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
  }
  std::sort(micros.begin(), micros.end());
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(texts.size()));
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[micros.size() * 99 / 100];
}

void BM_ParseCorpus(benchmark::State& state) {
  run_over_corpus(state, [](const std::string& text) {
    benchmark::DoNotOptimize(sigtrader::signals::parse_signal(text));
  });
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);

// What `sigtrader parse` does per post with a trained model: parse, classify (model text +
// fastText + temperature) and reconcile the fields with the label. The model is trained on the
// corpus before timing starts.
void BM_ParseAndClassifyCorpus(benchmark::State& state) {
  auto posts = sigtrader::bench::read_corpus();
  if (!posts.ok()) {
    state.SkipWithError(posts.error().message().c_str());
    return;
  }
  auto classifier = sigtrader::bench::train_corpus_classifier(*posts);
  if (!classifier.ok()) {
    state.SkipWithError(classifier.error().message().c_str());
    return;
  }
  run_over_corpus(state, [&](const std::string& text) {
    benchmark::DoNotOptimize(sigtrader::signals::understand_post(text, *classifier));
  });
}
BENCHMARK(BM_ParseAndClassifyCorpus)->Unit(benchmark::kMillisecond);

}  // namespace
