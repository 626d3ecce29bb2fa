#include "engine/demo_scenario.hpp"

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "signals/jsonl_messages.hpp"
#include "signals/signal_parser.hpp"

namespace sigtrader::engine {
namespace {

constexpr std::size_t kCandles = 384;  // four days of 15-minute candles, as the demo plays

market::SyntheticMarket demo_market(std::uint64_t seed) {
  market::SyntheticMarketSpec spec;
  spec.seed = seed;
  spec.start = *core::Timestamp::try_parse_iso8601("2025-03-03T00:00:00Z");
  spec.candles = kCandles;
  spec.symbols = market::demo_symbols();
  return market::generate_market(spec);
}

std::vector<DemoPost> demo_posts(const market::SyntheticMarket& market, std::uint64_t seed) {
  DemoScenarioSpec spec;
  spec.seed = seed;
  return generate_demo_posts(market, spec);
}

class DemoScenario : public ::testing::Test {
 protected:
  const market::SyntheticMarket market_ = demo_market(7);
  const std::vector<DemoPost> posts_ = demo_posts(market_, 7);
  const std::vector<market::Candle>& candles(const DemoSignalPlan& plan) const {
    return market_.series[plan.market].candles;
  }
  // The candle a post falls in: the first that closes after it.
  std::size_t candle_of(core::Timestamp ts) const {
    const core::Timestamp start = market_.series[0].candles[0].open_time;
    return static_cast<std::size_t>((ts - start).count_ns() /
                                    core::Duration::minutes(15).count_ns());
  }
  const DemoPost* signal_of(const DemoPost& update) const {
    for (const DemoPost& post : posts_) {
      if (post.channel == update.channel && post.message.id == *update.message.reply_to) {
        return &post;
      }
    }
    return nullptr;
  }
};

bool reaches(const market::Candle& candle, core::PositionSide side, core::Price level,
             bool target) {
  const bool above = (side == core::PositionSide::kLong) == target;
  return above ? candle.high >= level : candle.low <= level;
}

TEST_F(DemoScenario, TheSameSeedGivesTheSamePostsAndAnotherSeedOthers) {
  EXPECT_EQ(demo_posts_jsonl(posts_), demo_posts_jsonl(demo_posts(demo_market(7), 7)));
  EXPECT_NE(demo_posts_jsonl(posts_), demo_posts_jsonl(demo_posts(demo_market(8), 8)));
}

TEST_F(DemoScenario, PostsComeInTimeOrderWithinTheDataAndRepliesFollowTheirSignals) {
  const core::Timestamp start = market_.series[0].candles.front().open_time;
  const core::Timestamp end = start + core::Duration::minutes(15 * static_cast<int>(kCandles));
  std::map<std::string, std::int64_t> last_id;
  for (std::size_t i = 0; i < posts_.size(); ++i) {
    const DemoPost& post = posts_[i];
    if (i > 0) {
      EXPECT_LE(posts_[i - 1].message.ts, post.message.ts);
    }
    EXPECT_GT(post.message.ts, start);
    EXPECT_LT(post.message.ts, end);
    EXPECT_EQ(post.message.channel_id.str(), "file:" + post.channel);
    EXPECT_EQ(post.message.id.value(), ++last_id[post.channel]) << "ids count up per channel";
    if (post.kind != DemoPostKind::kUpdate) {
      EXPECT_FALSE(post.message.reply_to);
      continue;
    }
    ASSERT_TRUE(post.message.reply_to) << post.message.text;
    const DemoPost* signal = signal_of(post);
    ASSERT_NE(signal, nullptr) << post.message.text;
    EXPECT_EQ(signal->kind, DemoPostKind::kSignal);
    EXPECT_LT(signal->message.ts, post.message.ts);
  }
}

TEST_F(DemoScenario, EachChannelGetsItsShareOfSignalsWinsAndChatter) {
  std::map<std::string, int> signals;
  std::map<std::string, int> wins;
  std::map<std::string, int> chatter;
  for (const DemoPost& post : posts_) {
    if (post.kind == DemoPostKind::kChatter) ++chatter[post.channel];
    if (post.kind != DemoPostKind::kSignal) continue;
    ++signals[post.channel];
    if (post.plan->outcome == DemoOutcome::kWin) ++wins[post.channel];
  }
  const std::vector<DemoChannel> channels = demo_channels();
  ASSERT_EQ(channels.size(), 3u);
  for (const DemoChannel& channel : channels) {
    // The quota keeps the wins within one of the share, whatever the number of signals.
    EXPECT_GE(signals[channel.name], 5) << channel.name;
    EXPECT_LE(std::fabs(wins[channel.name] - channel.win_share * signals[channel.name]), 1.0)
        << channel.name << ": " << wins[channel.name] << " wins of " << signals[channel.name];
    EXPECT_GT(chatter[channel.name], 0) << channel.name;
  }
  // Shorter gaps between signals and between chatter make the noisy channel the busiest.
  EXPECT_LT(signals["alpha_signals"], signals["swing_desk"]);
  EXPECT_LT(signals["swing_desk"], signals["moon_pumps_vip"]);
  EXPECT_LT(chatter["alpha_signals"], chatter["moon_pumps_vip"]);
}

TEST_F(DemoScenario, AWinReachesItsFirstTargetBeforeItsStopAndALossItsStopFirst) {
  int checked = 0;
  for (const DemoPost& post : posts_) {
    if (post.kind != DemoPostKind::kSignal) continue;
    const DemoSignalPlan& plan = *post.plan;
    const auto& series = candles(plan);
    const std::size_t first = candle_of(post.message.ts);
    const bool long_side = plan.side == core::PositionSide::kLong;
    // It enters at the last close before the post, with the stop and targets on their sides.
    EXPECT_EQ(plan.entry, series[first - 1].close) << post.message.text;
    EXPECT_EQ(plan.stop < plan.entry, long_side) << post.message.text;
    for (std::size_t k = 0; k < plan.targets.size(); ++k) {
      const core::Price previous = k == 0 ? plan.entry : plan.targets[k - 1];
      EXPECT_EQ(previous < plan.targets[k], long_side) << post.message.text;
    }
    // The first candle closing after the post that reaches the first target or the stop decides.
    std::optional<std::size_t> decided;
    for (std::size_t j = first; j < series.size() && !decided; ++j) {
      const bool target = reaches(series[j], plan.side, plan.targets[0], true);
      const bool stop = reaches(series[j], plan.side, plan.stop, false);
      if (!target && !stop) continue;
      decided = j;
      if (plan.outcome == DemoOutcome::kWin) {
        EXPECT_TRUE(target && !stop) << post.message.text;
      } else {
        EXPECT_TRUE(stop && !target) << post.message.text;
      }
    }
    ASSERT_TRUE(decided) << "never decided: " << post.message.text;
    EXPECT_EQ(*decided, plan.decided_at);
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

TEST_F(DemoScenario, TheRuleParserReadsEverySignalsCoinSideEntryTargetsAndStop) {
  for (const DemoPost& post : posts_) {
    if (post.kind != DemoPostKind::kSignal) continue;
    const DemoSignalPlan& plan = *post.plan;
    const signals::ParsedSignal parsed = signals::parse_signal(post.message.text);
    const std::string& text = post.message.text;
    EXPECT_EQ(parsed.label, post.label) << text;
    ASSERT_TRUE(parsed.symbol) << text;
    EXPECT_EQ(*parsed.symbol, market_.series[plan.market].symbol.symbol) << text;
    EXPECT_EQ(parsed.side, plan.side) << text;
    ASSERT_TRUE(parsed.stop_loss) << text;
    EXPECT_EQ(parsed.stop_loss->value, plan.stop.decimal()) << text;
    ASSERT_EQ(parsed.targets.size(), plan.targets.size()) << text;
    for (std::size_t k = 0; k < plan.targets.size(); ++k) {
      EXPECT_EQ(parsed.targets[k].value, plan.targets[k].decimal()) << text;
    }
    if (plan.market_entry) {
      EXPECT_TRUE(parsed.entry_market) << text;
    } else {
      ASSERT_FALSE(parsed.entries.empty()) << text;
      EXPECT_EQ(parsed.entries[0].value, plan.entry.decimal()) << text;
    }
    EXPECT_TRUE(parsed.warnings.empty()) << text;
  }
}

TEST_F(DemoScenario, UpdatesReadAsUpdatesOfTheirCoinAndChatterAsNothing) {
  for (const DemoPost& post : posts_) {
    const signals::ParsedSignal parsed = signals::parse_signal(post.message.text);
    if (post.kind == DemoPostKind::kChatter) {
      EXPECT_EQ(parsed.label, "none") << post.message.text;
      EXPECT_EQ(post.label, "none");
    }
    if (post.kind != DemoPostKind::kUpdate) continue;
    EXPECT_EQ(parsed.label, "update") << post.message.text;
    const DemoPost* signal = signal_of(post);
    ASSERT_NE(signal, nullptr);
    ASSERT_TRUE(parsed.symbol) << post.message.text;
    EXPECT_EQ(*parsed.symbol, market_.series[signal->plan->market].symbol.symbol)
        << post.message.text;
  }
}

TEST_F(DemoScenario, UpdatesReportOnlyWhatTheCandlesDid) {
  int targets = 0;
  int stops = 0;
  for (const DemoPost& post : posts_) {
    if (post.kind != DemoPostKind::kUpdate) continue;
    const signals::ParsedSignal parsed = signals::parse_signal(post.message.text);
    ASSERT_TRUE(parsed.update);
    const DemoSignalPlan& plan = *signal_of(post)->plan;
    const auto& series = candles(plan);
    // The candles that closed between the signal and the update.
    const std::size_t from = candle_of(signal_of(post)->message.ts);
    const std::size_t to = candle_of(post.message.ts);
    const auto reached = [&](core::Price level, bool target) {
      for (std::size_t j = from; j < to; ++j) {
        if (reaches(series[j], plan.side, level, target)) return true;
      }
      return false;
    };
    if (parsed.update->kind == signals::UpdateKind::kTargetHit) {
      const std::size_t target = static_cast<std::size_t>(
          parsed.update->target.value_or(static_cast<int>(plan.targets.size())));
      ASSERT_LE(target, plan.targets.size()) << post.message.text;
      EXPECT_TRUE(reached(plan.targets[target - 1], true)) << post.message.text;
      ++targets;
    }
    if (parsed.update->kind == signals::UpdateKind::kStopHit) {
      // The stop, or the entry once the first target moved the stop there.
      EXPECT_TRUE(reached(plan.stop, false) ||
                  (reached(plan.targets[0], true) && reached(plan.entry, false)))
          << post.message.text;
      ++stops;
    }
  }
  EXPECT_GT(targets, 5);
  EXPECT_GT(stops, 2);
}

TEST_F(DemoScenario, TheJsonLinesReadBackAsTheSamePosts) {
  std::istringstream in(demo_posts_jsonl(posts_));
  std::vector<signals::Message> read;
  auto summary = signals::read_jsonl_messages(
      in,
      [&](signals::Message&& message) -> core::Status {
        read.push_back(std::move(message));
        return {};
      },
      [](const signals::SkippedMessage& skip) { ADD_FAILURE() << skip.where << skip.reason; });
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  ASSERT_EQ(read.size(), posts_.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].channel_id, posts_[i].message.channel_id);
    EXPECT_EQ(read[i].id, posts_[i].message.id);
    EXPECT_EQ(read[i].ts, posts_[i].message.ts);
    EXPECT_EQ(read[i].text, posts_[i].message.text);
    EXPECT_EQ(read[i].reply_to, posts_[i].message.reply_to);
  }
}

}  // namespace
}  // namespace sigtrader::engine
