#pragma once

// The scenario and fixture of the paper session tests (paper_session_test.cpp,
// paper_session_commands_test.cpp).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gtest/gtest.h>

#include "engine/paper_session.hpp"
#include "storage/sqlite_store.hpp"
#include "support/temp_dir.hpp"
#include "unit/engine/backtest_test_support.hpp"

// Paper sessions over eight hourly BTC/USDT candles (candle i opens at hour(i)), no fees, no
// slippage, followed by the signal_follower strategy (limit entry at the first entry price, 100
// USDT a signal, take-profits 2/3 and 1/3 for two targets, stop to break-even after the first).
// Intrabar path: open, the extreme nearer the open at +20 min, the other at +40 min, close.
//
//   signal 1, ts_init 01:30: long, entry 100, targets 110 / 120, stop 90 → buy 1.000 @ 100 (limit)
//   c2 (02:00-03:00) 103 105 99.5 101: the limit fills at 100 at 02:40; stop 90, TP 110 (0.666)
//      and TP 120 (0.334) are placed
//   c4 (04:00-05:00) 105 111 104 110: TP1 fills at 110; the stop moves to 100 (break-even)
//   c6 (06:00-07:00) 111 121 110 120: TP2 fills at 120; the stop is canceled
//   signal 2, ts_init 07:00: long, entry 119.5, target 125, stop 115 → buy 0.836 @ 119.5
//   c7 (07:00-08:00) 120 121 119 120: the limit fills at 119.5; stop 115 and TP 125 stay open
//
// Steps (instants): closes 01:00 .. 08:00 and the two signals (01:30; 07:00 after c6's close):
// ten in all. After five (04:00) the entry has filled and its stop and two targets are open.
namespace sigtrader::engine::testing {

inline const std::vector<Ohlc> kCandles = {
    {"100", "101", "99", "100.5"}, {"102", "104", "101", "103"}, {"103", "105", "99.5", "101"},
    {"101", "106", "100", "105"},  {"105", "111", "104", "110"}, {"110", "112", "109", "111"},
    {"111", "121", "110", "120"},  {"120", "121", "119", "120"},
};

inline const core::ChannelId kChannel("file:calls");

inline BacktestConfig follower_config() {
  BacktestConfig config = testing::plain_config();
  config.strategy_name = "signal_follower";
  return config;
}

inline std::vector<PaperMarketData> data_of(const std::vector<market::Candle>& candles) {
  PaperMarketData data;
  data.candles = candles;
  data.timeframe = core::Duration::hours(1);
  return {data};
}

// A fixed wall clock for the session rows: nothing here depends on the time of day.
class PaperSessionTest : public ::testing::Test {
 protected:
  std::unique_ptr<storage::SqliteStore> open_store(const std::string& name) {
    auto store = storage::SqliteStore::open((dir_.path() / name).string());
    EXPECT_TRUE(store.ok()) << store.error().message();
    auto& s = **store;
    EXPECT_TRUE(s.upsert_channel(storage::ChannelRow{.id = kChannel,
                                                     .source = "file",
                                                     .title = "calls",
                                                     .created_at = hour(0),
                                                     .updated_at = hour(0)})
                    .ok());
    auto user = s.find_user("paper");
    if (!user.ok()) user = s.create_user("paper", hour(0));
    EXPECT_TRUE(user.ok());
    user_ = user->id;
    return std::move(store).value();
  }

  // Stores post `message` and its reading: a long of BTC/USDT visible from `at`.
  void store_long(storage::Store& store, std::int64_t message, core::Timestamp at,
                  const char* entry, std::vector<const char*> targets, const char* stop,
                  double confidence = 0.9) {
    auto inserted = store.insert_message(storage::MessageRow{
        .id = {},
        .channel_id = kChannel,
        .message_id = core::MessageId(message),
        .ts_event = at,
        .ts_init = at,
        .text = "long",
        .reply_to = std::nullopt,
        .raw_json = std::nullopt,
        .edited_at = std::nullopt,
        .forwarded_from = std::nullopt,
    });
    ASSERT_TRUE(inserted.ok()) << inserted.error().message();
    storage::SignalRow signal;
    signal.message = inserted->id;
    signal.channel_id = kChannel;
    signal.ts_event = at;
    signal.ts_init = at;
    signal.label = "long";
    signal.confidence = confidence;
    signal.classifier = "rules";
    signal.symbol = core::Symbol{"BTC", "USDT"};
    signal.side = core::PositionSide::kLong;
    signal.entries = {core::Price::parse(entry)};
    for (const char* target : targets)
      signal.targets.push_back(core::Price::parse(target));
    signal.stop_loss = core::Price::parse(stop);
    ASSERT_TRUE(store.insert_signal(signal).ok());
  }
  void store_first_signal(storage::Store& store) {
    store_long(store, 1, hour(1) + core::Duration::minutes(30), "100", {"110", "120"}, "90");
  }
  void store_second_signal(storage::Store& store) {
    store_long(store, 2, hour(7), "119.5", {"125"}, "115");
  }

  core::Result<std::unique_ptr<PaperSession>> open_session(
      storage::Store& store, const std::vector<market::Candle>& candles, bool new_session = false) {
    return PaperSession::open(store, follower_config(), data_of(candles),
                              PaperSessionOptions{.user = user_,
                                                  .name = "default",
                                                  .new_session = new_session,
                                                  .classification_latency = {},
                                                  .wall_clock = &wall_});
  }

  // The same session with the signal follower guarded by a risk engine of `risk`'s limits.
  core::Result<std::unique_ptr<PaperSession>> open_guarded_session(
      storage::Store& store, const risk::RiskEngineConfig& risk) {
    return PaperSession::open(store, follower_config(), data_of(candles_),
                              PaperSessionOptions{.user = user_,
                                                  .name = "default",
                                                  .new_session = false,
                                                  .classification_latency = {},
                                                  .wall_clock = &wall_,
                                                  .risk = risk,
                                                  .gate = {}});
  }

  std::vector<std::string> risk_events_of(storage::Store& store) const {
    std::vector<std::string> out;
    auto events = store.recent_risk_events(user_, 100);
    EXPECT_TRUE(events.ok());
    for (const storage::RiskEventRow& event : *events)
      out.push_back(fmt::format("{} {} {}", event.ts.to_iso8601(), event.kind, event.reason));
    return out;
  }

  // Runs until the data ends (or `steps` steps), polling for signals and applying operator
  // commands before each step.
  void run(PaperSession& session, std::optional<int> steps = std::nullopt) {
    for (int done = 0; !steps || done < *steps; ++done) {
      ASSERT_TRUE(session.poll_signals().ok());
      const auto applied = session.apply_commands();
      ASSERT_TRUE(applied.ok()) << applied.error().message();
      if (!session.next_time()) {
        ASSERT_TRUE(session.finish().ok());
        return;
      }
      auto stepped = session.step();
      ASSERT_TRUE(stepped.ok()) << stepped.error().message();
    }
    ASSERT_TRUE(session.stop().ok());
  }

  // Every order of session 1 as text, with its fills: what a user would look up.
  static std::vector<std::string> orders_of(storage::Store& store) {
    std::vector<std::string> out;
    auto orders = store.orders_with_client_prefix("p1-");
    EXPECT_TRUE(orders.ok());
    for (const storage::OrderRow& order : *orders) {
      std::string line =
          fmt::format("{} {} {} {} {} {} {} filled {}", order.client_order_id.str(),
                      core::to_string(order.side), core::to_string(order.type),
                      order.quantity.to_string(), order.price ? order.price->to_string() : "-",
                      order.trigger_price ? order.trigger_price->to_string() : "-",
                      core::to_string(order.status), order.filled_quantity.to_string());
      auto fills = store.list_fills(order.id);
      EXPECT_TRUE(fills.ok());
      for (const storage::FillRow& fill : *fills) {
        line += fmt::format(" | {} {} @ {} {}", fill.trade_id.str(), fill.quantity.to_string(),
                            fill.price.to_string(), fill.ts_event.to_iso8601());
      }
      out.push_back(line);
    }
    return out;
  }

  static std::int64_t rows_in(storage::SqliteStore& store, const std::string& table) {
    auto tables = store.table_counts();
    EXPECT_TRUE(tables.ok());
    for (const storage::TableInfo& info : *tables) {
      if (info.name == table) return info.rows;
    }
    return -1;
  }

  sigtrader::testing::TempDir dir_;
  core::SimClock wall_{core::Timestamp::from_seconds(1'800'000'000)};
  core::UserId user_;
  std::vector<market::Candle> candles_ = hourly(kCandles);
};

}  // namespace sigtrader::engine::testing
