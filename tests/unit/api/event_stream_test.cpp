// EventStream without a server: connections are fakes that record what they are sent.
#include "api/event_stream.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api/api_keys.hpp"
#include "bus/events.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::api {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RecordingConnection : public net::WebSocketConnection {
 public:
  explicit RecordingConnection(std::uint64_t id) : id_(id) {}
  bool send(std::string text) override {
    sent.push_back(std::move(text));
    return true;
  }
  void close(std::uint16_t code, std::string) override { closed_with = code; }
  std::uint64_t id() const override { return id_; }

  std::vector<std::string> sent;
  std::uint16_t closed_with = 0;

 private:
  std::uint64_t id_;
};

class EventStreamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::SqliteStore::open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    auto user = (*opened)->create_user("alice", clock_.now());
    ASSERT_TRUE(user.ok());
    alice_ = user->id;
    const auto key = generate_api_key();
    storage::ApiKeyRow row;
    row.user_id = alice_;
    row.prefix = key->prefix;
    row.key_hash = key->hash;
    row.created_at = clock_.now();
    ASSERT_TRUE((*opened)->insert_api_key(row).ok());
    key_ = key->key;
    store_ = std::make_unique<StoreAccess>(std::move(*opened));
    authenticator_ = std::make_unique<Authenticator>(*store_, clock_);
    metrics_.declare_counter("sigtrader_events_total", "Events.");
    metrics_.declare_counter("sigtrader_signals_total", "Signals.");
    stream_ = std::make_unique<EventStream>(*authenticator_, metrics_);
  }

  // An authenticated client of alice subscribed to `topics` (a JSON array).
  std::shared_ptr<RecordingConnection> subscriber(const std::string& topics) {
    auto connection = std::make_shared<RecordingConnection>(++next_id_);
    stream_->on_open(connection, net::ServerRequest{});
    stream_->on_message(connection, R"({"op":"auth","key":")" + key_ + R"("})");
    stream_->on_message(connection, R"({"op":"subscribe","topics":)" + topics + "}");
    connection->sent.clear();
    return connection;
  }

  core::SimClock clock_{core::Timestamp::from_seconds(1'700'000'000)};
  std::unique_ptr<StoreAccess> store_;
  std::unique_ptr<Authenticator> authenticator_;
  Metrics metrics_;
  std::unique_ptr<EventStream> stream_;
  core::UserId alice_;
  std::string key_;
  std::uint64_t next_id_ = 0;
};

TEST_F(EventStreamTest, AnEventNobodySubscribesToIsCountedButSentToNoOne) {
  auto unauthenticated = std::make_shared<RecordingConnection>(99);
  stream_->on_open(unauthenticated, net::ServerRequest{});
  auto fills_only = subscriber(R"(["fill"])");
  EXPECT_FALSE(stream_->wants(alice_, "order"));
  EXPECT_TRUE(stream_->wants(alice_, "fill"));
  EXPECT_EQ(stream_->publish(alice_, "order", core::Timestamp::from_ms(5), {{"n", 1}}), 0U);
  EXPECT_EQ(stream_->publish(alice_, "fill", core::Timestamp::from_ms(7), {{"n", 2}}), 1U);
  EXPECT_TRUE(unauthenticated->sent.empty());
  EXPECT_EQ(fills_only->sent,
            std::vector<std::string>{R"({"type":"event","topic":"fill","ts":7,"data":{"n":2}})"});
  const std::string rendered = metrics_.render();
  EXPECT_THAT(rendered, HasSubstr("sigtrader_events_total{type=\"order\"} 1\n"));
  EXPECT_THAT(rendered, HasSubstr("sigtrader_events_total{type=\"fill\"} 1\n"));
}

TEST_F(EventStreamTest, AnUnauthenticatedClientWantsNothing) {
  auto connection = std::make_shared<RecordingConnection>(1);
  stream_->on_open(connection, net::ServerRequest{});
  EXPECT_FALSE(stream_->wants(alice_, "fill"));
}

TEST_F(EventStreamTest, BusEventsAreCountedWhetherOrNotAClientWantsThem) {
  bus::MessageBus bus;
  stream_->attach(bus, alice_);
  bus::SignalEvent signal;
  signal.header.ts_event = core::Timestamp::from_ms(11);
  signal.label = "long";
  bus.publish(signal);
  auto signals = subscriber(R"(["signal"])");
  bus.publish(signal);
  bus::RiskEvent decision;
  decision.kind = "decision_rejected";
  bus.publish(decision);
  ASSERT_EQ(signals->sent.size(), 1U);
  EXPECT_THAT(signals->sent[0], HasSubstr(R"("topic":"signal","ts":11)"));
  EXPECT_THAT(signals->sent[0], HasSubstr(R"("label":"long")"));
  const std::string rendered = metrics_.render();
  EXPECT_THAT(rendered, HasSubstr("sigtrader_signals_total{label=\"long\"} 2\n"));
  EXPECT_THAT(rendered, HasSubstr("sigtrader_events_total{type=\"signal\"} 2\n"));
  EXPECT_THAT(rendered, HasSubstr("sigtrader_events_total{type=\"decision\"} 1\n"));
  EXPECT_THAT(rendered, Not(HasSubstr("type=\"risk\"")));
}

}  // namespace
}  // namespace sigtrader::api
