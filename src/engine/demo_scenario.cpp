#include "engine/demo_scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/assert.hpp"
#include "core/random.hpp"
#include "engine/demo_post_texts.hpp"

// The levels are computed in doubles and must round to the same ticks on every machine: the
// project builds with -ffp-contract=off (CMakeLists.txt), and only + - * / are used.
namespace sigtrader::engine {

namespace {

using market::Candle;

// core::Random streams: one per channel for its signals, one per channel for its chatter.
constexpr std::uint64_t kSignalStream = 100;
constexpr std::uint64_t kChatterStream = 200;
// A signal waits at most this many candles for a setup of the outcome it is due.
constexpr std::size_t kSlotRetries = 8;
// No signal this close to the end of the data: it would not play out.
constexpr std::size_t kTailCandles = 16;
constexpr std::size_t kAtrPeriod = 14;
constexpr std::array<double, 3> kStopRanges = {1.2, 1.6, 2.2};

bool is_long(core::PositionSide side) {
  return side == core::PositionSide::kLong;
}

// How far a candle went in the trade's favour from `entry`.
double favorable(const Candle& candle, core::PositionSide side, double entry) {
  return is_long(side) ? candle.high.to_double() - entry : entry - candle.low.to_double();
}

bool reaches_target(const Candle& candle, core::PositionSide side, core::Price level) {
  return is_long(side) ? candle.high >= level : candle.low <= level;
}

bool reaches_stop(const Candle& candle, core::PositionSide side, core::Price level) {
  return is_long(side) ? candle.low <= level : candle.high >= level;
}

// The price `distance` away from `entry`, on the target side (`toward_target`) or the stop side,
// rounded to the tick away from the entry (so a target or stop rounded is never nearer than
// asked).
core::Price level(core::Price entry, double distance, core::PositionSide side, bool toward_target,
                  core::Price tick) {
  const bool above = is_long(side) == toward_target;
  const double value = entry.to_double() + (above ? distance : -distance);
  auto fine = core::Price::from_double(value, std::min(tick.scale() + 2, 18));
  SIGTRADER_ASSERT(fine.ok(), "a demo price level does not fit a Price");
  auto rounded = fine->round_to(tick, above ? core::Rounding::kUp : core::Rounding::kDown);
  SIGTRADER_ASSERT(rounded.ok(), "a demo price level cannot be rounded to its tick");
  return *rounded;
}

double average_range(const std::vector<Candle>& candles, std::size_t last) {
  const std::size_t first = last + 1 >= kAtrPeriod ? last + 1 - kAtrPeriod : 0;
  double sum = 0;
  for (std::size_t i = first; i <= last; ++i)
    sum += candles[i].high.to_double() - candles[i].low.to_double();
  return sum / static_cast<double>(last + 1 - first);
}

// What one signal's targets should be, posted after candle `at` closed, entering at its close
// with the stop `stop_distance` away, for `outcome`; empty when these candles cannot give it.
// The entry fills in candle at + 1: it opens at the entry price and, posted within its first
// minute, a limit there is met on the way to either extreme (the simulated exchange's intrabar
// path visits both). That candle reaches neither the stop nor the first target, so the outcome is
// decided from candle at + 2 on, where the follower's exits are already working.
std::optional<DemoSignalPlan> plan_signal(const market::SyntheticSeries& series, std::size_t at,
                                          core::PositionSide side, double stop_distance,
                                          DemoOutcome outcome, std::size_t horizon,
                                          std::size_t target_count) {
  const std::vector<Candle>& candles = series.candles;
  const core::Price tick = series.symbol.tick_size;
  if (at + 2 >= candles.size()) return std::nullopt;
  const core::Price entry = candles[at].close;
  const double entry_value = entry.to_double();
  const core::Price stop = level(entry, stop_distance, side, false, tick);
  if (reaches_stop(candles[at + 1], side, stop)) return std::nullopt;
  const std::size_t last = std::min(at + horizon, candles.size() - 1);
  std::optional<std::size_t> stopped_at;
  for (std::size_t j = at + 2; j <= last && !stopped_at; ++j) {
    if (reaches_stop(candles[j], side, stop)) stopped_at = j;
  }

  double first_distance = 0;
  std::size_t decided_from = at + 2;
  std::size_t decided_until = 0;  // the candles that may decide it: [decided_from, decided_until]
  if (outcome == DemoOutcome::kWin) {
    const std::size_t end = stopped_at.value_or(last + 1);
    if (end <= at + 2) return std::nullopt;
    double best = 0;
    for (std::size_t j = at + 2; j < end; ++j)
      best = std::max(best, favorable(candles[j], side, entry_value));
    first_distance = std::max({0.8 * stop_distance, 0.6 * best,
                               favorable(candles[at + 1], side, entry_value) + tick.to_double()});
    if (first_distance > best) return std::nullopt;
    decided_until = end - 1;
  } else {
    if (!stopped_at) return std::nullopt;
    double worst = 0;
    for (std::size_t j = at + 1; j <= *stopped_at; ++j)
      worst = std::max(worst, favorable(candles[j], side, entry_value));
    first_distance = std::max(0.9 * stop_distance, 1.1 * worst + tick.to_double());
    if (first_distance > 3 * stop_distance) return std::nullopt;
    decided_from = *stopped_at;
    decided_until = *stopped_at;
  }

  DemoSignalPlan plan;
  plan.side = side;
  plan.entry = entry;
  plan.stop = stop;
  plan.outcome = outcome;
  constexpr std::array<double, 3> kTargetSteps = {1.0, 1.8, 2.8};
  for (std::size_t k = 0; k < target_count && k < kTargetSteps.size(); ++k) {
    core::Price target = level(entry, first_distance * kTargetSteps[k], side, true, tick);
    if (!plan.targets.empty() && target == plan.targets.back()) {
      target = is_long(side) ? target + tick : target - tick;
    }
    plan.targets.push_back(target);
  }

  // Checked on the rounded levels, exactly as the candles will be read.
  if (reaches_target(candles[at + 1], side, plan.targets[0])) return std::nullopt;
  for (std::size_t j = at + 2; j <= last; ++j) {
    const bool target = reaches_target(candles[j], side, plan.targets[0]);
    const bool stopped = reaches_stop(candles[j], side, stop);
    if (!target && !stopped) continue;
    const bool as_planned =
        outcome == DemoOutcome::kWin ? (target && !stopped) : (stopped && !target);
    if (!as_planned || j < decided_from || j > decided_until) return std::nullopt;
    plan.decided_at = j;
    return plan;
  }
  return std::nullopt;
}

// What the candles do to a trade once its outcome is decided, as the signal follower manages it:
// targets in order, the stop at the entry from the candle after the first target, a close by hand
// (`close_after` candles after the first target) or at the horizon.
struct TradePath {
  std::vector<std::pair<std::size_t, std::size_t>> targets;  // candle, 1-based target
  std::optional<std::size_t> stopped_at;
  std::optional<std::size_t> closed_at;
  std::size_t ended_at = 0;
  bool open_at_end = false;  // the data ran out first
};

TradePath follow_trade(const std::vector<Candle>& candles, const DemoSignalPlan& plan,
                       std::size_t at, std::size_t horizon,
                       std::optional<std::size_t> close_after) {
  TradePath path;
  core::Price stop = plan.stop;
  std::size_t next_target = 0;
  const std::size_t last = std::min(at + horizon, candles.size() - 1);
  for (std::size_t j = at + 2; j <= last; ++j) {
    const bool stopped = reaches_stop(candles[j], plan.side, stop);
    const bool target = reaches_target(candles[j], plan.side, plan.targets[next_target]);
    path.ended_at = j;
    // Both in one candle: which came first is not known, so nothing is reported.
    if (stopped && target) return path;
    if (stopped) {
      path.stopped_at = j;
      return path;
    }
    while (next_target < plan.targets.size() &&
           reaches_target(candles[j], plan.side, plan.targets[next_target])) {
      path.targets.emplace_back(j, ++next_target);
    }
    if (next_target == plan.targets.size()) return path;
    if (next_target > 0) stop = plan.entry;
    if (close_after && !path.targets.empty() && j >= path.targets.front().first + *close_after) {
      path.closed_at = j;
      return path;
    }
  }
  if (last + 1 >= candles.size()) {
    path.open_at_end = true;
  } else {
    path.closed_at = last;
  }
  return path;
}

double percent_from(core::Price entry, core::Price price, core::PositionSide side) {
  const double move = (price.to_double() - entry.to_double()) / entry.to_double() * 100.0;
  return is_long(side) ? move : -move;
}

// A post before ids are given: ids follow post-time order within each channel.
struct Draft {
  std::size_t channel = 0;
  core::Timestamp ts;
  std::string text;
  DemoPostKind kind = DemoPostKind::kChatter;
  std::string label;
  std::optional<DemoSignalPlan> plan;
  std::optional<std::size_t> reply_to;  // index of the signal's draft
};

class Planner {
 public:
  Planner(const market::SyntheticMarket& market, const DemoScenarioSpec& spec)
      : market_(market),
        spec_(spec),
        busy_until_(market.series.size(), 0),
        channel_busy_until_(spec.channels.size(),
                            std::vector<std::size_t>(market.series.size(), 0)) {
    SIGTRADER_ASSERT(!market.series.empty(), "the demo posts need a market");
    candles_ = market.series.front().candles.size();
    if (candles_ > 0) {
      start_ = market.series.front().candles.front().open_time;
      end_ = close_time(candles_ - 1);
    }
  }

  std::vector<Draft> take() {
    for (std::size_t c = 0; c < spec_.channels.size(); ++c)
      plan_chatter(c);
    // Signals channel by channel in turn, slot after slot, so that busy coins are seen by all.
    std::vector<core::Random> randoms;
    std::vector<std::size_t> next_slot;
    std::vector<int> signals(spec_.channels.size(), 0);
    std::vector<int> wins(spec_.channels.size(), 0);
    std::vector<double> phase;
    for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
      randoms.emplace_back(core::Random::stream_seed(spec_.seed, kSignalStream + c));
      phase.push_back(randoms.back().uniform());
      next_slot.push_back(spec_.warmup_candles + static_cast<std::size_t>(randoms.back().below(
                                                     spec_.channels[c].min_gap)));
    }
    for (;;) {
      std::optional<std::size_t> channel;
      for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
        if (next_slot[c] + kTailCandles >= candles_) continue;
        if (!channel || next_slot[c] < next_slot[*channel]) channel = c;
      }
      if (!channel) break;
      const std::size_t c = *channel;
      core::Random& random = randoms[c];
      const DemoChannel& config = spec_.channels[c];
      // Wins as close to the channel's share as whole signals allow: never more than one away.
      const double due = config.win_share * (signals[c] + 1) + phase[c];
      const DemoOutcome outcome =
          wins[c] < static_cast<int>(std::floor(due)) ? DemoOutcome::kWin : DemoOutcome::kLoss;
      std::size_t used = next_slot[c];
      if (auto at = post_signal(c, next_slot[c], outcome, random)) {
        ++signals[c];
        if (outcome == DemoOutcome::kWin) ++wins[c];
        used = *at;
      }
      next_slot[c] = used + static_cast<std::size_t>(
                                random.between(static_cast<std::int64_t>(config.min_gap),
                                               static_cast<std::int64_t>(config.max_gap)));
    }
    return std::move(drafts_);
  }

 private:
  core::Timestamp close_time(std::size_t candle) const {
    return start_ + core::Duration::nanoseconds(spec_.timeframe.count_ns() *
                                                static_cast<std::int64_t>(candle + 1));
  }

  // A few minutes after candle `candle` closed; empty when that is past the data.
  std::optional<core::Timestamp> post_time(std::size_t candle, core::Random& random) const {
    const std::int64_t room =
        std::max<std::int64_t>(2, spec_.timeframe.count_ns() / 60'000'000'000 - 3);
    const core::Timestamp ts =
        close_time(candle) + core::Duration::minutes(random.between(1, room));
    if (ts >= end_) return std::nullopt;
    return ts;
  }

  std::optional<std::size_t> post_signal(std::size_t c, std::size_t slot, DemoOutcome outcome,
                                         core::Random& random) {
    const DemoChannel& channel = spec_.channels[c];
    const std::size_t target_count = channel.style == DemoChannelStyle::kTemplate
                                         ? 3
                                         : static_cast<std::size_t>(random.between(2, 3));
    for (std::size_t at = slot; at < slot + kSlotRetries && at + kTailCandles < candles_; ++at) {
      for (const std::size_t m : market_order(c, at, random)) {
        const market::SyntheticSeries& series = market_.series[m];
        const double range = average_range(series.candles, at);
        const core::PositionSide first =
            random.chance(0.5) ? core::PositionSide::kLong : core::PositionSide::kShort;
        const core::PositionSide second =
            is_long(first) ? core::PositionSide::kShort : core::PositionSide::kLong;
        for (const core::PositionSide side : {first, second}) {
          for (const double multiple : kStopRanges) {
            auto plan = plan_signal(series, at, side, multiple * range, outcome,
                                    spec_.horizon_candles, target_count);
            if (!plan) continue;
            plan->market = m;
            record_signal(c, at, *plan, random);
            return at;
          }
        }
      }
    }
    return std::nullopt;
  }

  // Coins nobody trades first; the noisy channel then piles onto coins other channels trade (the
  // follower will skip those), the others wait for a free one. Never one this channel is in.
  std::vector<std::size_t> market_order(std::size_t c, std::size_t at, core::Random& random) {
    const bool piles_on = spec_.channels[c].style == DemoChannelStyle::kHype;
    std::vector<std::size_t> order(market_.series.size());
    for (std::size_t i = 0; i < order.size(); ++i)
      order[i] = i;
    for (std::size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[random.below(i)]);
    std::vector<std::size_t> free;
    std::vector<std::size_t> taken;
    for (const std::size_t m : order) {
      if (busy_until_[m] < at) {
        free.push_back(m);
      } else if (piles_on && channel_busy_until_[c][m] < at) {
        taken.push_back(m);
      }
    }
    free.insert(free.end(), taken.begin(), taken.end());
    return free;
  }

  void record_signal(std::size_t c, std::size_t at, DemoSignalPlan& plan, core::Random& random) {
    const DemoChannel& channel = spec_.channels[c];
    const market::SyntheticSeries& series = market_.series[plan.market];
    const core::Symbol& symbol = series.symbol.symbol;
    // Within the minute after the close it enters at: the entry price is still the market's,
    // so a limit there fills in the next candle's first move.
    const core::Timestamp ts = close_time(at) + core::Duration::seconds(random.between(5, 55));
    switch (channel.style) {
      case DemoChannelStyle::kTemplate:
        plan.leverage = static_cast<int>(random.between(3, 5));
        break;
      case DemoChannelStyle::kOneLiner:
        plan.leverage = static_cast<int>(random.between(5, 10));
        break;
      case DemoChannelStyle::kHype:
        plan.leverage = static_cast<int>(random.between(10, 20));
        plan.market_entry = random.chance(0.4);
        break;
    }
    const std::size_t signal = drafts_.size();
    drafts_.push_back(Draft{c, ts, demo_signal_text(channel.style, symbol, plan, random),
                            DemoPostKind::kSignal, is_long(plan.side) ? "long" : "short", plan,
                            std::nullopt});

    std::optional<std::size_t> close_after;
    if (channel.style == DemoChannelStyle::kOneLiner && random.chance(0.4)) {
      close_after = static_cast<std::size_t>(random.between(2, 6));
    }
    const TradePath path =
        follow_trade(series.candles, plan, at, spec_.horizon_candles, close_after);
    for (const auto& [candle, target] : path.targets) {
      // The hype channel shouts about its first target and mentions later ones now and then.
      if (channel.style == DemoChannelStyle::kHype && target > 1 && !random.chance(0.7)) continue;
      update(c, signal, candle, DemoUpdate::kTargetReached, target,
             percent_from(plan.entry, plan.targets[target - 1], plan.side), random);
    }
    if (path.stopped_at) {
      const bool at_entry = !path.targets.empty();
      const bool reported = channel.style == DemoChannelStyle::kTemplate ||
                            (channel.style == DemoChannelStyle::kOneLiner && random.chance(0.5));
      if (reported) {
        update(c, signal, *path.stopped_at, DemoUpdate::kStopHit, 0,
               at_entry ? 0.0 : percent_from(plan.entry, plan.stop, plan.side), random);
      }
    }
    if (path.closed_at) {
      update(c, signal, *path.closed_at, DemoUpdate::kClosed, 0,
             percent_from(plan.entry, series.candles[*path.closed_at].close, plan.side), random);
    }
    // Free again once the channel's own close has reached the follower.
    const std::size_t until = path.open_at_end ? candles_ : path.ended_at + 2;
    busy_until_[plan.market] = std::max(busy_until_[plan.market], until);
    channel_busy_until_[c][plan.market] = until;
  }

  void update(std::size_t c, std::size_t signal, std::size_t candle, DemoUpdate kind,
              std::size_t target, double percent, core::Random& random) {
    const auto ts = post_time(candle, random);
    if (!ts) return;
    const DemoChannel& channel = spec_.channels[c];
    const DemoSignalPlan& plan = *drafts_[signal].plan;
    drafts_.push_back(
        Draft{c, *ts,
              demo_update_text(channel.style, market_.series[plan.market].symbol.symbol, kind,
                               target, plan.targets.size(), percent, plan.leverage, random),
              DemoPostKind::kUpdate, "update", std::nullopt, signal});
  }

  void plan_chatter(std::size_t c) {
    const DemoChannel& channel = spec_.channels[c];
    core::Random random(core::Random::stream_seed(spec_.seed, kChatterStream + c));
    const auto gap = [&] {
      return core::Duration::minutes(
          random.between(channel.min_chatter_minutes, channel.max_chatter_minutes));
    };
    for (core::Timestamp ts = start_ + gap(); ts < end_; ts = ts + gap()) {
      // The last closes before the post, which the chatter may name.
      const auto closed =
          static_cast<std::size_t>((ts - start_).count_ns() / spec_.timeframe.count_ns());
      if (closed == 0) continue;
      std::vector<std::pair<core::Symbol, core::Price>> prices;
      for (const market::SyntheticSeries& series : market_.series)
        prices.emplace_back(series.symbol.symbol, series.candles[closed - 1].close);
      drafts_.push_back(Draft{c, ts, demo_chatter_text(channel.style, prices, random),
                              DemoPostKind::kChatter, "none", std::nullopt, std::nullopt});
    }
  }

  const market::SyntheticMarket& market_;
  const DemoScenarioSpec& spec_;
  std::size_t candles_ = 0;
  core::Timestamp start_;
  core::Timestamp end_;
  // Per market: the candle until which a demo trade is open in it, of any channel and of each.
  std::vector<std::size_t> busy_until_;
  std::vector<std::vector<std::size_t>> channel_busy_until_;
  std::vector<Draft> drafts_;
};

}  // namespace

std::vector<DemoChannel> demo_channels() {
  return {
      DemoChannel{.name = "alpha_signals",
                  .style = DemoChannelStyle::kTemplate,
                  .win_share = 2.0 / 3.0,
                  .min_gap = 22,
                  .max_gap = 36,
                  .min_chatter_minutes = 300,
                  .max_chatter_minutes = 720},
      DemoChannel{.name = "swing_desk",
                  .style = DemoChannelStyle::kOneLiner,
                  .win_share = 0.5,
                  .min_gap = 14,
                  .max_gap = 26,
                  .min_chatter_minutes = 180,
                  .max_chatter_minutes = 420},
      DemoChannel{.name = "moon_pumps_vip",
                  .style = DemoChannelStyle::kHype,
                  .win_share = 1.0 / 3.0,
                  .min_gap = 8,
                  .max_gap = 18,
                  .min_chatter_minutes = 60,
                  .max_chatter_minutes = 200},
  };
}

std::string_view to_string(DemoOutcome outcome) {
  return outcome == DemoOutcome::kWin ? "win" : "loss";
}

std::vector<DemoPost> generate_demo_posts(const market::SyntheticMarket& market,
                                          const DemoScenarioSpec& spec) {
  std::vector<Draft> drafts = Planner(market, spec).take();
  std::vector<std::size_t> order(drafts.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::pair(drafts[a].ts, drafts[a].channel) < std::pair(drafts[b].ts, drafts[b].channel);
  });
  std::vector<std::int64_t> next_id(spec.channels.size(), 1);
  std::vector<std::int64_t> id_of(drafts.size(), 0);
  for (const std::size_t i : order)
    id_of[i] = next_id[drafts[i].channel]++;

  std::vector<DemoPost> posts;
  posts.reserve(drafts.size());
  for (const std::size_t i : order) {
    Draft& draft = drafts[i];
    const std::string& name = spec.channels[draft.channel].name;
    DemoPost post;
    post.channel = name;
    post.message.source = "file";
    post.message.channel_id = core::ChannelId("file:" + name);
    post.message.channel_title = name;
    post.message.id = core::MessageId(id_of[i]);
    post.message.ts = draft.ts;
    post.message.text = std::move(draft.text);
    if (draft.reply_to) post.message.reply_to = core::MessageId(id_of[*draft.reply_to]);
    post.kind = draft.kind;
    post.label = std::move(draft.label);
    post.plan = std::move(draft.plan);
    posts.push_back(std::move(post));
  }
  return posts;
}

std::string demo_posts_jsonl(const std::vector<DemoPost>& posts) {
  std::string out;
  for (const DemoPost& post : posts) {
    boost::json::object line;
    line["channel"] = post.channel;
    line["id"] = post.message.id.value();
    line["ts"] = post.message.ts.to_iso8601();
    line["text"] = post.message.text;
    if (post.message.reply_to) line["reply_to"] = post.message.reply_to->value();
    out += boost::json::serialize(line);
    out += '\n';
  }
  return out;
}

std::string demo_labels_jsonl(const std::vector<DemoPost>& posts) {
  std::string out;
  for (const DemoPost& post : posts) {
    boost::json::object line;
    line["id"] = post.channel + "-" + std::to_string(post.message.id.value());
    line["channel"] = post.channel;
    line["text"] = post.message.text;
    line["label"] = post.label;
    out += boost::json::serialize(line);
    out += '\n';
  }
  return out;
}

}  // namespace sigtrader::engine
