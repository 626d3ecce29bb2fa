// From a post's raw text to a risk decision on the order it asks for: parse, classify (the model
// trained on the labeled corpus, data/corpus), build the EntryRequest, derive missing exits from
// the ATR, size, scale for drawdown and validate (RiskEngine::decide, events published on a bus).
// Reports posts per second (items/s), the 50th and 99th percentile of one post's time over every
// post and over the posts that reach the risk engine (long or short with a symbol), and how the
// decisions split. Targets (issue 6): p50 <= 10 µs, p99 <= 30 µs.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bus/message_bus.hpp"
#include "core/instrument.hpp"
#include "corpus_classifier.hpp"
#include "risk/risk_engine.hpp"
#include "signals/understood_post.hpp"

namespace {

using sigtrader::core::Decimal;
using sigtrader::core::Price;
using sigtrader::risk::DecisionKind;

// Where a market entry is assumed to fill: the bench has no order book.
const Price kMarketPrice = Price::parse("100");
// The ATR is taken as 1 % of the entry, so that derived stops are 2 % away under "moderate".
const Decimal kAtrShare = Decimal::parse("0.01");

struct Post {
  std::string text;
  sigtrader::core::ChannelId channel;
};

// A generic instrument with filters loose enough for any coin's price.
sigtrader::core::Instrument generic_instrument() {
  sigtrader::core::Instrument instrument;
  instrument.venue = "sim";
  instrument.kind = sigtrader::core::InstrumentKind::kPerpetual;
  instrument.tick_size = Price::parse("0.00000001");
  instrument.step_size = sigtrader::core::Quantity::parse("0.001");
  instrument.min_qty = sigtrader::core::Quantity::parse("0.001");
  instrument.min_notional = sigtrader::core::Money::parse("5");
  instrument.max_leverage = 125;
  return instrument;
}

sigtrader::risk::AccountView flat_account() {
  sigtrader::risk::AccountView account;
  account.equity = sigtrader::core::Money::parse("10000");
  account.peak_equity = account.equity;
  account.day_start_equity = account.equity;
  return account;
}

// Counts of the decisions one pass over the corpus makes.
struct DecisionCounts {
  std::int64_t accepted = 0;
  std::int64_t resized = 0;
  std::int64_t rejected = 0;
};

void BM_PostToRiskDecision(benchmark::State& state) {
  auto labeled = sigtrader::bench::read_corpus();
  if (!labeled.ok()) {
    state.SkipWithError(labeled.error().message().c_str());
    return;
  }
  auto classifier = sigtrader::bench::train_corpus_classifier(*labeled);
  if (!classifier.ok()) {
    state.SkipWithError(classifier.error().message().c_str());
    return;
  }
  std::vector<Post> posts;
  for (const auto& post : *labeled)
    posts.push_back({post.text, sigtrader::core::ChannelId(post.channel)});

  sigtrader::bus::MessageBus bus;
  std::int64_t published = 0;
  bus.subscribe<sigtrader::bus::RiskEvent>([&](const sigtrader::bus::RiskEvent&) { ++published; });
  sigtrader::risk::RiskEngineConfig config;
  config.validator.max_symbol_exposure_pct = 100;
  sigtrader::risk::RiskEngine engine(config, &bus);
  const sigtrader::risk::AccountView account = flat_account();
  sigtrader::core::Instrument instrument = generic_instrument();
  const auto now = sigtrader::core::Timestamp::from_seconds(1'700'000'000);
  DecisionCounts counts;

  // One post, text to decision; returns whether it reached the risk engine.
  auto work = [&](const Post& post) {
    const auto understood = sigtrader::signals::understand_post(post.text, *classifier);
    const auto& parsed = understood.parsed;
    const std::string& label = understood.classification.label;
    if ((label != "long" && label != "short") || !parsed.symbol || !parsed.side) return false;
    sigtrader::risk::EntryRequest request;
    request.ts = now;
    request.signal_ts = now;
    request.channel = post.channel;
    request.symbol = *parsed.symbol;
    request.side = *parsed.side;
    request.entry = parsed.entries.empty() || parsed.entry_market
                        ? kMarketPrice
                        : Price(parsed.entries.front().value);
    if (parsed.stop_loss) request.stop_loss = Price(parsed.stop_loss->value);
    for (const auto& target : parsed.targets)
      request.targets.push_back(Price(target.value));
    request.leverage = parsed.leverage.value_or(1);
    request.confidence = understood.classification.confidence;
    request.warnings = parsed.warnings;
    instrument.symbol = request.symbol;
    const sigtrader::risk::DecisionInputs inputs{request.entry * kAtrShare, std::nullopt};
    const auto decision = engine.decide(request, account, instrument, request.entry, inputs);
    switch (decision.kind) {
      case DecisionKind::kAccepted:
        ++counts.accepted;
        break;
      case DecisionKind::kResized:
        ++counts.resized;
        break;
      case DecisionKind::kRejected:
      case DecisionKind::kQueued:  // never here: the config sets no approval floor
        ++counts.rejected;
        break;
    }
    // The store writer would take them; dropping them keeps memory flat.
    benchmark::DoNotOptimize(engine.take_events());
    return true;
  };

  for (auto _ : state) {
    for (const Post& post : posts)
      work(post);
  }
  const std::int64_t passes = state.iterations();
  const DecisionCounts per_pass{counts.accepted / passes, counts.resized / passes,
                                counts.rejected / passes};

  std::vector<double> all_micros;
  std::vector<double> decided_micros;
  all_micros.reserve(posts.size());
  for (const Post& post : posts) {
    const auto start = std::chrono::steady_clock::now();
    const bool decided = work(post);
    const double micros =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    all_micros.push_back(micros);
    if (decided) decided_micros.push_back(micros);
  }
  std::sort(all_micros.begin(), all_micros.end());
  std::sort(decided_micros.begin(), decided_micros.end());
  state.SetItemsProcessed(passes * static_cast<std::int64_t>(posts.size()));
  state.counters["p50_us"] = all_micros[all_micros.size() / 2];
  state.counters["p99_us"] = all_micros[all_micros.size() * 99 / 100];
  if (!decided_micros.empty()) {
    state.counters["decided_p50_us"] = decided_micros[decided_micros.size() / 2];
    state.counters["decided_p99_us"] = decided_micros[decided_micros.size() * 99 / 100];
  }
  state.counters["decisions"] =
      static_cast<double>(per_pass.accepted + per_pass.resized + per_pass.rejected);
  state.counters["accepted"] = static_cast<double>(per_pass.accepted);
  state.counters["resized"] = static_cast<double>(per_pass.resized);
  state.counters["rejected"] = static_cast<double>(per_pass.rejected);
  benchmark::DoNotOptimize(published);
}
BENCHMARK(BM_PostToRiskDecision)->Unit(benchmark::kMillisecond);

}  // namespace
