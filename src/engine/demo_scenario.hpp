#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "market/synthetic_market.hpp"
#include "signals/message.hpp"

namespace sigtrader::engine {

// The channels of the demo and how good their calls are.
enum class DemoChannelStyle {
  kTemplate,  // a tidy labelled template, reports every result, moves stops to entry
  kOneLiner,  // one-liners and "Signal Type" blocks, reports wins, closes trades by hand
  kHype,      // emojis, market entries, a Russian-speaking admin, never reports a loss
};

struct DemoChannel {
  std::string name;  // the JSON lines "channel" (stored as channel "file:<name>")
  DemoChannelStyle style = DemoChannelStyle::kTemplate;
  double win_share = 0.5;  // of its signals, the share whose first target comes before the stop
  // Candles between two of its signals, drawn uniformly in [min, max].
  std::size_t min_gap = 16;
  std::size_t max_gap = 32;
  // Minutes between two of its chatter posts, drawn uniformly in [min, max].
  std::int64_t min_chatter_minutes = 120;
  std::int64_t max_chatter_minutes = 480;
};

// A good channel (two of three signals win), a mediocre one (one of two) and a noisy one that
// posts often and wins one time in three.
std::vector<DemoChannel> demo_channels();

enum class DemoPostKind { kSignal, kUpdate, kChatter };
// Whether the first target or the stop is reached first by the candles after the post.
enum class DemoOutcome { kWin, kLoss };
std::string_view to_string(DemoOutcome outcome);

// What a signal post says and what the generator placed it for.
struct DemoSignalPlan {
  std::size_t market = 0;  // index into the series
  core::PositionSide side = core::PositionSide::kLong;
  bool market_entry = false;  // "at market" rather than a price
  core::Price entry;          // the last close before the post
  std::vector<core::Price> targets;
  core::Price stop;
  int leverage = 0;  // as written in the post
  DemoOutcome outcome = DemoOutcome::kWin;
  // The candle whose range first reaches the first target (a win) or the stop (a loss); no earlier
  // candle closing after the post reaches either.
  std::size_t decided_at = 0;
};

struct DemoPost {
  std::string channel;  // DemoChannel::name
  signals::Message message;
  DemoPostKind kind = DemoPostKind::kChatter;
  // What a person labelling it would say: long, short, update or none.
  std::string label;
  std::optional<DemoSignalPlan> plan;  // signals only
};

struct DemoScenarioSpec {
  std::uint64_t seed = 1;
  core::Duration timeframe = core::Duration::minutes(15);
  // No signal before this many candles have closed: the risk engine sizes with an ATR and
  // correlations of the candles before.
  std::size_t warmup_candles = 40;
  // A signal is decided (first target or stop) within this many candles, and a trade still open
  // this long after its post is closed by its channel.
  std::size_t horizon_candles = 64;
  std::vector<DemoChannel> channels = demo_channels();
};

// The channel posts of the demo over `market`'s candles, in post-time order (ties by channel,
// then id), deterministic for a seed. Signals are posted within a minute after a candle closes,
// entering at that close, with the stop one to two and a half average ranges away; each channel's
// signals win in about its win_share, and the targets and stop are placed from the candles that
// follow so that the first target is reached first for a win and the stop for a loss. Updates
// (targets reached, stop moved to entry, stopped out, closed by hand) reply to their signal and
// say only what the candles did. A channel never posts a second signal for a coin whose trade is
// still open in the demo, and avoids coins another channel is in when it can.
std::vector<DemoPost> generate_demo_posts(const market::SyntheticMarket& market,
                                          const DemoScenarioSpec& spec);

// The posts as `sigtrader import jsonl` reads them: {"channel", "id", "ts", "text"[, "reply_to"]}.
std::string demo_posts_jsonl(const std::vector<DemoPost>& posts);
// The posts as labeled training data (the corpus's schema: id, channel, text, label).
std::string demo_labels_jsonl(const std::vector<DemoPost>& posts);

}  // namespace sigtrader::engine
