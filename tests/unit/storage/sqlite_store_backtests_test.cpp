// Backtest runs: started, finished with their metrics, listed newest first.
#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;

class StoreBacktests : public ::testing::Test {
 protected:
  void SetUp() override {
    alice_ = store_->create_user("alice", at_seconds(0)).value().id;
    bob_ = store_->create_user("bob", at_seconds(0)).value().id;
  }

  BacktestRowId start(std::optional<core::UserId> user, std::string name, std::int64_t at) {
    const auto id = store_->insert_backtest(BacktestRow{
        .id = {},
        .user_id = user,
        .name = std::move(name),
        .seed = 42,
        .config_toml = "[backtest]\nsymbols = [\"BTC/USDT\"]\n",
        .started_at = at_seconds(at),
    });
    EXPECT_TRUE(id.ok()) << id.error().message();
    return *id;
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  core::UserId alice_;
  core::UserId bob_;
};

TEST_F(StoreBacktests, AStartedBacktestIsRunningUntilFinishedWithItsMetricsAndReport) {
  const BacktestRowId id = start(alice_, "btc-trend", 10);
  const auto running = store_->find_backtest(id);
  ASSERT_TRUE(running.ok()) << running.error().message();
  EXPECT_EQ(running->status, "running");
  EXPECT_EQ(running->user_id, alice_);
  EXPECT_EQ(running->seed, 42);
  EXPECT_EQ(running->config_toml, "[backtest]\nsymbols = [\"BTC/USDT\"]\n");
  EXPECT_EQ(running->started_at, at_seconds(10));
  EXPECT_FALSE(running->finished_at.has_value());
  EXPECT_EQ(running->metrics_json, "{}");
  EXPECT_FALSE(running->report_path.has_value());

  BacktestRow result = *running;
  result.status = "finished";
  result.finished_at = at_seconds(70);
  result.metrics_json = R"({"trades":12,"net_pnl":"153.20"})";
  result.report_path = "reports/backtest-1.json";
  result.name = "renamed";  // not a field finish_backtest() stores
  ASSERT_TRUE(store_->finish_backtest(result).ok());

  const auto done = store_->find_backtest(id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->status, "finished");
  EXPECT_EQ(done->finished_at, at_seconds(70));
  EXPECT_EQ(done->metrics_json, R"({"trades":12,"net_pnl":"153.20"})");
  EXPECT_EQ(done->report_path, "reports/backtest-1.json");
  EXPECT_EQ(done->name, "btc-trend");
}

TEST_F(StoreBacktests, FindingOrFinishingAnUnknownBacktestIsNotFound) {
  EXPECT_EQ(store_->find_backtest(BacktestRowId(7)).error().code(), core::ErrorCode::kNotFound);
  BacktestRow ghost;
  ghost.id = BacktestRowId(7);
  ghost.status = "failed";
  EXPECT_EQ(store_->finish_backtest(ghost).error().code(), core::ErrorCode::kNotFound);
}

TEST_F(StoreBacktests, ListingsAreNewestFirstOfOneUserOrOfAllUpToTheLimit) {
  const BacktestRowId cli_run = start(std::nullopt, "from the cli", 5);
  const BacktestRowId alice_late = start(alice_, "late", 30);
  const BacktestRowId bob_run = start(bob_, "bob", 20);
  const BacktestRowId alice_early = start(alice_, "early", 10);

  const auto alices = store_->list_backtests(alice_, 10);
  ASSERT_TRUE(alices.ok()) << alices.error().message();
  ASSERT_EQ(alices->size(), 2u);
  EXPECT_EQ((*alices)[0].id, alice_late);
  EXPECT_EQ((*alices)[1].id, alice_early);

  const auto all = store_->list_backtests(std::nullopt, 3);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].id, alice_late);
  EXPECT_EQ((*all)[1].id, bob_run);
  EXPECT_EQ((*all)[2].id, alice_early);
  EXPECT_EQ(store_->list_backtests(std::nullopt, 10)->back().id, cli_run);
  EXPECT_FALSE(store_->list_backtests(std::nullopt, 10)->back().user_id.has_value());
}

}  // namespace
}  // namespace sigtrader::storage
