#pragma once

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include <unistd.h>

#include <gtest/gtest.h>

#include "core/clock.hpp"
#include "storage/rows.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage::testing_support {

// A directory of its own for one test (named after the test and the process, so parallel test
// processes never share one), removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("sigtrader-storage-") + test->test_suite_name() + "-" +
                       test->name() + "-" + std::to_string(::getpid());
    for (char& c : name) {
      if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-') c = '_';
    }
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  std::string file(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline core::Timestamp at_seconds(std::int64_t seconds) {
  return core::Timestamp::from_seconds(1'700'000'000 + seconds);
}

// A store on ":memory:", migrated, for tests that only need somewhere to put rows.
inline std::unique_ptr<SqliteStore> open_memory_store() {
  auto store = SqliteStore::open(":memory:");
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(store).value();
}

inline ChannelRow sample_channel(std::string id = "telegram:-1001") {
  return ChannelRow{
      .id = core::ChannelId(std::move(id)),
      .source = "telegram",
      .title = "Crypto Calls",
      .created_at = at_seconds(0),
      .updated_at = at_seconds(0),
  };
}

inline MessageRow sample_message(std::int64_t message_id, core::Timestamp posted,
                                 std::string channel = "telegram:-1001") {
  return MessageRow{
      .id = {},
      .channel_id = core::ChannelId(std::move(channel)),
      .message_id = core::MessageId(message_id),
      .ts_event = posted,
      .ts_init = posted + core::Duration::milliseconds(150),
      .text = "BTC/USDT long 68000 sl 66000 tp 70000",
      .reply_to = std::nullopt,
      .raw_json = std::nullopt,
      .edited_at = std::nullopt,
      .forwarded_from = std::nullopt,
  };
}

inline OrderRow sample_order(core::UserId user, std::string client_order_id,
                             core::Timestamp created_at) {
  return OrderRow{
      .id = {},
      .client_order_id = core::ClientOrderId(std::move(client_order_id)),
      .user_id = user,
      .venue = "binance",
      .symbol = core::Symbol{.base = "BTC", .quote = "USDT"},
      .side = core::OrderSide::kBuy,
      .type = core::OrderType::kLimit,
      .time_in_force = core::TimeInForce::kGtc,
      .status = core::OrderStatus::kNew,
      .quantity = core::Quantity::parse("0.00150000"),
      .price = core::Price::parse("68123.50"),
      .trigger_price = std::nullopt,
      .filled_quantity = core::Quantity::parse("0"),
      .average_price = std::nullopt,
      .reduce_only = false,
      .venue_order_id = std::nullopt,
      .signal_id = std::nullopt,
      .strategy_id = core::StrategyId("signal-follower"),
      .trace_id = core::TraceId("trace-1"),
      .reason = "",
      .created_at = created_at,
      .updated_at = created_at,
  };
}

}  // namespace sigtrader::storage::testing_support
