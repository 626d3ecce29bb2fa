// Runs `sigtrader run --mode paper` as a process: stopped mid-run (by --max-steps, or by SIGTERM
// while it waits for the wall clock) and run again, it ends with the same database state as an
// uninterrupted run.
#include <chrono>
#include <csignal>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <sys/wait.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "spawned_sigtrader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader {
namespace {

using ::testing::HasSubstr;

// Hourly candles from 2024-01-01 00:00 UTC; two signals (see the engine's paper_session_test for
// the same market worked out by hand): a long at 01:30 that fills at 100, takes profit at 110 and
// 120, and a long at 07:00 that fills at 119.5 and leaves its stop and target open.
constexpr const char* kCandles = R"(timestamp,open,high,low,close,volume
2024-01-01T00:00:00Z,100,101,99,100.5,1000
2024-01-01T01:00:00Z,102,104,101,103,1000
2024-01-01T02:00:00Z,103,105,99.5,101,1000
2024-01-01T03:00:00Z,101,106,100,105,1000
2024-01-01T04:00:00Z,105,111,104,110,1000
2024-01-01T05:00:00Z,110,112,109,111,1000
2024-01-01T06:00:00Z,111,121,110,120,1000
2024-01-01T07:00:00Z,120,121,119,120,1000
)";

constexpr const char* kSetup = R"([backtest]
starting_balance = 10000
fee_rate = 0
maker_fee_rate = 0

[[market]]
symbol = "BTC/USDT"
data = "BTCUSDT-1h.csv"
tick_size = "0.01"
step_size = "0.001"

[strategy]
name = "signal_follower"
)";

constexpr const char* kSignals =
    R"({"channel": "calls", "id": 1, "ts": "2024-01-01T01:30:00Z", "text": "#BTCUSDT LONG\nEntry: 100\nTargets: 110 - 120\nStop loss: 90"}
{"channel": "calls", "id": 2, "ts": "2024-01-01T07:00:00Z", "text": "#BTCUSDT LONG\nEntry: 119.5\nTargets: 125\nStop loss: 115"}
)";

// What a user would look up after the run: every order with its fills, the account, the session.
struct FinalState {
  std::vector<std::string> orders;
  std::string balances;
  std::string equity;
  std::string session;
  std::int64_t order_rows = 0;
  std::int64_t fill_rows = 0;
  std::int64_t risk_event_rows = 0;  // one per risk decision, never written twice
};

class RunPaperCommand : public integration::SigtraderProcessTest {
 protected:
  void SetUp() override {
    SigtraderProcessTest::SetUp();
    write_file("BTCUSDT-1h.csv", kCandles);
    write_file("paper.toml", kSetup);
    write_file("signals.jsonl", kSignals);
  }

  // A sigtrader.toml of its own database for one run.
  std::string config_for(const std::string& db, double speed = 0) const {
    return write_file(db + ".toml", fmt::format(R"([database]
path = "{}"

[event_log]
enabled = false

[paper]
setup = "paper.toml"
speed = {}
signals = ["signals.jsonl"]
status_every = 2
)",
                                                db, speed));
  }

  FinalState final_state(const std::string& db) const {
    auto opened = storage::SqliteStore::open((dir_ / db).string());
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    storage::SqliteStore& store = **opened;
    FinalState state;
    auto orders = store.orders_with_client_prefix("p1-");
    EXPECT_TRUE(orders.ok());
    for (const storage::OrderRow& order : *orders) {
      std::string line = fmt::format("{} {} {} {} {} filled {}", order.client_order_id.str(),
                                     core::to_string(order.side), core::to_string(order.type),
                                     order.quantity.to_string(), core::to_string(order.status),
                                     order.filled_quantity.to_string());
      const auto fills = store.list_fills(order.id);
      EXPECT_TRUE(fills.ok());
      for (const storage::FillRow& fill : *fills) {
        line += fmt::format(" | {} @ {}", fill.quantity.to_string(), fill.price.to_string());
      }
      state.orders.push_back(line);
    }
    const auto user = store.find_user("paper");
    EXPECT_TRUE(user.ok());
    const auto snapshot = store.latest_account_snapshot(user->id, "sim:p1");
    EXPECT_TRUE(snapshot.ok());
    state.balances = snapshot->balances_json;
    state.equity = snapshot->equity.to_string();
    const auto session = store.find_paper_session(storage::PaperSessionId(1));
    EXPECT_TRUE(session.ok());
    state.session = fmt::format("{} {} {}", session->status, session->steps, session->state_json);
    const auto tables = store.table_counts();
    EXPECT_TRUE(tables.ok());
    for (const storage::TableInfo& table : *tables) {
      if (table.name == "orders") state.order_rows = table.rows;
      if (table.name == "fills") state.fill_rows = table.rows;
      if (table.name == "risk_events") state.risk_event_rows = table.rows;
    }
    return state;
  }

  // The uninterrupted run every test compares with.
  FinalState uninterrupted() {
    const auto result = run({"run", "--mode", "paper", "--config", config_for("a.db")});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_THAT(result.out, HasSubstr("Paper session 'default' (id 1): started"));
    EXPECT_THAT(result.out, HasSubstr("finished"));
    return final_state("a.db");
  }
};

TEST_F(RunPaperCommand, AnUninterruptedRunStoresEveryOrderFillAndTheAccount) {
  const FinalState state = uninterrupted();
  ASSERT_EQ(state.orders.size(), 8u) << ::testing::PrintToString(state.orders);
  EXPECT_EQ(state.order_rows, 8);
  EXPECT_EQ(state.fill_rows, 4);
  // The risk engine sizes each signal ([risk] defaults: moderate, 1 % of equity at risk, 20 %
  // of equity at most on one symbol). Signal 1: 100 at risk over the stop distance 10 = 10 BTC.
  EXPECT_THAT(state.orders[0], HasSubstr("buy limit 10.000 filled filled 10.000 | 10.000 @ 100"));
  // Its targets sell 6.666 at 110 and 3.334 at 120: equity 10133.34. Signal 2: 101.3334 over
  // 4.5 = 22.518 BTC (2690.90 USDT) is more than 20 % of equity (2026.668 USDT), so it is shrunk
  // to 2026.668 / 119.5 = 16.959 BTC. USDT: 10000 − 1000 + 733.26 + 400.08 − 2026.6005.
  EXPECT_THAT(state.balances, HasSubstr("\"USDT\":\"8106.7395"));
  EXPECT_THAT(state.balances, HasSubstr("\"BTC\":\"16.959"));
  EXPECT_THAT(state.session, HasSubstr("finished 10 "));
  EXPECT_EQ(state.risk_event_rows, 2);  // accepted, then resized
}

TEST_F(RunPaperCommand, StoppedByMaxStepsAndRunAgainItEndsAsAnUninterruptedRun) {
  const FinalState expected = uninterrupted();
  const std::string config = config_for("b.db");
  const auto first = run({"run", "--mode", "paper", "--config", config, "--max-steps", "5"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("stopped after 5 steps"));
  EXPECT_THAT(first.out, HasSubstr("3 open orders"));
  const auto second = run({"run", "--mode", "paper", "--config", config});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("resumed at 2024-01-01T04:00:00Z after replaying 5 steps"));
  const FinalState state = final_state("b.db");
  EXPECT_EQ(state.orders, expected.orders);
  EXPECT_EQ(state.balances, expected.balances);
  EXPECT_EQ(state.equity, expected.equity);
  EXPECT_EQ(state.session, expected.session);
  EXPECT_EQ(state.risk_event_rows, expected.risk_event_rows);
  EXPECT_EQ(state.order_rows, 8);
  EXPECT_EQ(state.fill_rows, 4);
}

TEST_F(RunPaperCommand, StoppedBySigtermWhileWaitingAndRunAgainItEndsAsAnUninterruptedRun) {
  const FinalState expected = uninterrupted();
  // 1800× real time: an hourly candle every 2 s, so the run is still waiting for the wall clock
  // when the signal comes.
  const std::string config = config_for("b.db", 1800);
  const pid_t pid =
      integration::spawn_sigtrader(dir_, {"run", "--mode", "paper", "--config", config});
  // Wait (bounded) until the first step is stored, then stop it.
  const bool stepped = integration::wait_for_first_paper_step(dir_ / "b.db");
  ASSERT_TRUE(stepped) << "the paper run stored no step within 30 s";
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "ended by a signal, not stopped gracefully";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  const FinalState stopped = final_state("b.db");
  EXPECT_THAT(stopped.session, HasSubstr("stopped "));
  EXPECT_LT(stopped.orders.size(), expected.orders.size());

  const auto resumed = run({"run", "--mode", "paper", "--config", config, "--speed", "0"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.out, HasSubstr("resumed at"));
  const FinalState state = final_state("b.db");
  EXPECT_EQ(state.orders, expected.orders);
  EXPECT_EQ(state.balances, expected.balances);
  EXPECT_EQ(state.session, expected.session);
  EXPECT_EQ(state.risk_event_rows, expected.risk_event_rows);
  EXPECT_EQ(state.order_rows, 8);
  EXPECT_EQ(state.fill_rows, 4);
}

TEST_F(RunPaperCommand, ADifferentSetupOnResumeIsRefusedAndNewSessionStartsOver) {
  const std::string config = config_for("b.db");
  ASSERT_EQ(run({"run", "--mode", "paper", "--config", config, "--max-steps", "3"}).exit_code, 0);
  write_file("BTCUSDT-1h.csv", std::string(kCandles) + "2024-01-01T08:00:00Z,120,121,119,120,1\n");
  const auto refused = run({"run", "--mode", "paper", "--config", config});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("was started with another setup"));
  EXPECT_THAT(refused.err, HasSubstr("--new-session"));
  const auto fresh = run({"run", "--mode", "paper", "--config", config, "--new-session"});
  EXPECT_EQ(fresh.exit_code, 0) << fresh.err;
  EXPECT_THAT(fresh.out, HasSubstr("Paper session 'default' (id 2): started"));
}

TEST_F(RunPaperCommand, LiveModeSaysItNeedsExchangeAdaptersAndExitsTwo) {
  const auto result = run({"run", "--mode", "live", "--config", config_for("a.db")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("live mode needs an exchange adapter"));
}

TEST_F(RunPaperCommand, PaperModeWithoutASetupExitsTwo) {
  write_file("empty.toml", "[paper]\nspeed = 0\n");
  const auto result = run({"run", "--mode", "paper", "--config", "empty.toml"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("paper mode needs a setup"));
}

}  // namespace
}  // namespace sigtrader
