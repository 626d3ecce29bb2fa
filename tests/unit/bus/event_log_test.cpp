#include "bus/event_log.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

namespace sigtrader::bus {
namespace {

namespace fs = std::filesystem;

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("event_log_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::vector<std::string> lines_of(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
      lines.push_back(line);
    return lines;
  }
  static std::string contents_of_all(const fs::path& dir) {
    std::string all;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path());
      std::stringstream buffer;
      buffer << in.rdbuf();
      all += buffer.str();
    }
    return all;
  }

  fs::path dir_;
};

core::Timestamp at(const char* iso) {
  return *core::Timestamp::try_parse_iso8601(iso);
}

SystemEvent system_event(const char* iso, std::string message) {
  SystemEvent event;
  event.header.ts_event = at(iso);
  event.header.ts_init = at(iso);
  event.kind = "info";
  event.component = "test";
  event.message = std::move(message);
  return event;
}

TEST_F(EventLogTest, WritesOneJsonLinePerEventWithTheDocumentedFields) {
  auto log = EventLog::open({dir_, {}});
  ASSERT_TRUE(log.ok()) << log.error().message();
  MessageBus bus;
  (*log)->attach_all(bus);

  FillEvent fill;
  fill.header.ts_event = at("2024-05-01T10:15:00Z");
  fill.header.ts_init = at("2024-05-01T10:15:00.250Z");
  fill.header.trace_id = core::TraceId("sig-42");
  fill.client_order_id = core::ClientOrderId("st-1-1");
  fill.trade_id = core::TradeId("t1");
  fill.symbol = core::Symbol{"BTC", "USDT"};
  fill.price = core::Price::parse("68123.50");
  fill.quantity = core::Quantity::parse("0.015");
  fill.fee = core::Money::parse("1.0218525");
  fill.fee_asset = "USDT";
  bus.publish(fill);
  bus.publish(system_event("2024-05-01T10:20:00Z", "hello"));

  const auto lines = lines_of(dir_ / "2024-05-01" / "events-10.jsonl");
  ASSERT_EQ(lines.size(), 2u);
  const auto first = boost::json::parse(lines[0]).as_object();
  EXPECT_EQ(first.at("ts").as_string(), "2024-05-01T10:15:00.250Z");
  EXPECT_EQ(first.at("type").as_string(), "fill");
  EXPECT_EQ(first.at("symbol").as_string(), "BTC/USDT");
  EXPECT_EQ(first.at("trace_id").as_string(), "sig-42");
  EXPECT_EQ(first.at("payload").at("price").as_string(), "68123.50");
  EXPECT_EQ(first.at("payload").at("quantity").as_string(), "0.015");
  EXPECT_EQ(first.at("payload").at("ts_event").as_string(), "2024-05-01T10:15:00Z");
  const auto second = boost::json::parse(lines[1]).as_object();
  EXPECT_EQ(second.at("type").as_string(), "system");
  EXPECT_FALSE(second.contains("symbol"));
  EXPECT_FALSE(second.contains("trace_id"));
  EXPECT_EQ((*log)->failed_writes(), 0u);
}

TEST_F(EventLogTest, StartsANewFileEveryHourAndDay) {
  auto log = EventLog::open({dir_, {}});
  ASSERT_TRUE(log.ok());
  for (const char* iso : {"2024-05-01T22:59:59.999Z", "2024-05-01T23:00:00Z",
                          "2024-05-01T23:30:00Z", "2024-05-02T00:00:00Z"}) {
    ASSERT_TRUE((*log)->write(to_record(system_event(iso, iso))).ok());
  }
  EXPECT_EQ(lines_of(dir_ / "2024-05-01" / "events-22.jsonl").size(), 1u);
  EXPECT_EQ(lines_of(dir_ / "2024-05-01" / "events-23.jsonl").size(), 2u);
  EXPECT_EQ(lines_of(dir_ / "2024-05-02" / "events-00.jsonl").size(), 1u);
  EXPECT_EQ((*log)->current_path(), dir_ / "2024-05-02" / "events-00.jsonl");
}

TEST_F(EventLogTest, AppendsToAnExistingHourFileAfterAReopen) {
  for (int run = 0; run < 2; ++run) {
    auto log = EventLog::open({dir_, {}});
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE((*log)->write(to_record(system_event("2024-05-01T10:00:00Z", "run"))).ok());
  }
  EXPECT_EQ(lines_of(dir_ / "2024-05-01" / "events-10.jsonl").size(), 2u);
}

TEST_F(EventLogTest, NeverWritesASecretToTheFile) {
  auto log = EventLog::open({dir_, {"x-custom-credential-name", "session_id"}});
  ASSERT_TRUE(log.ok());
  const std::vector<std::string> secrets = {"AKIAFAKEKEY123",
                                            "s3cr3tvalue",
                                            "hunter2pass",
                                            "deadbeefsignature",
                                            "123456:ABCdefTelegramToken",
                                            "eyJhbGciOiJIUzI1NiJ9",
                                            "sessionvalue99"};
  auto event = system_event("2024-05-01T10:00:00Z",
                            "GET /api/v3/order?symbol=BTCUSDT&timestamp=1&signature=" + secrets[3] +
                                " failed; Authorization: Bearer " + secrets[5]);
  event.details = {{"api_key", secrets[0]},
                   {"X-MBX-APIKEY", secrets[0]},
                   {"apiSecret", secrets[1]},
                   {"note", "password=" + secrets[2] + "&user=bob"},
                   {"url", "https://api.telegram.org/bot" + secrets[4] + "/getUpdates"},
                   {"session_id", secrets[6]},
                   {"signal", "long BTC"},
                   {"max_tokens", "256"}};
  ASSERT_TRUE((*log)->write(to_record(event)).ok());

  RiskEvent risk;
  risk.header.ts_init = at("2024-05-01T10:00:01Z");
  risk.kind = "info";
  risk.reason = R"({"secret": ")" + secrets[1] + R"(", "passphrase":")" + secrets[2] + "\"}";
  ASSERT_TRUE((*log)->write(to_record(risk)).ok());

  const std::string all = contents_of_all(dir_);
  for (const auto& secret : secrets) {
    EXPECT_EQ(all.find(secret), std::string::npos) << "leaked " << secret;
  }
  // Masking keeps what is not secret readable.
  EXPECT_NE(all.find("long BTC"), std::string::npos);
  EXPECT_NE(all.find("\"max_tokens\":\"256\""), std::string::npos);
  EXPECT_NE(all.find("user=bob"), std::string::npos);
  EXPECT_NE(all.find("symbol=BTCUSDT"), std::string::npos);
}

TEST_F(EventLogTest, ReportsAFolderItCannotCreate) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "not-a-dir") << "x";
  auto log = EventLog::open({dir_ / "not-a-dir" / "events", {}});
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(log.error().message().find("not-a-dir"), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::bus
