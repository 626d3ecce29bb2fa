// /api/v1/signals: each listed signal carries the latest risk decision the caller's engine took on
// its post, the same one the signal's own page shows.
#include <map>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace sigtrader::api {
namespace {

using boost::json::object;
using boost::json::value;

constexpr const char* kChannel = "telegram:-1001";

class SignalRoutes : public ApiFixture {
 protected:
  void SetUp() override {
    ApiFixture::SetUp();
    ASSERT_TRUE(store_
                    ->upsert_channel(storage::ChannelRow{.id = core::ChannelId(kChannel),
                                                         .source = "telegram",
                                                         .title = "Calls",
                                                         .created_at = now(),
                                                         .updated_at = now()})
                    .ok());
  }

  storage::MessageRowId add_message(std::int64_t id) {
    storage::MessageRow message;
    message.channel_id = core::ChannelId(kChannel);
    message.message_id = core::MessageId(id);
    message.ts_event = now();
    message.ts_init = now();
    message.text = fmt::format("post {}", id);
    const auto inserted = store_->insert_message(message);
    EXPECT_TRUE(inserted.ok()) << inserted.error().message();
    return inserted.ok() ? inserted->id : storage::MessageRowId{};
  }

  storage::SignalRowId add_signal(std::optional<storage::MessageRowId> message, std::string label) {
    storage::SignalRow signal;
    signal.message = message;
    signal.channel_id = core::ChannelId(kChannel);
    signal.ts_event = now();
    signal.ts_init = now();
    signal.label = std::move(label);
    signal.classifier = "rules";
    const auto id = store_->insert_signal(signal);
    EXPECT_TRUE(id.ok()) << id.error().message();
    return id.ok() ? *id : storage::SignalRowId{};
  }

  void add_decision(core::UserId user, std::string kind, std::int64_t second, std::string reason,
                    std::string details) {
    storage::RiskEventRow event;
    event.user_id = user;
    event.ts = core::Timestamp::from_seconds(second);
    event.kind = std::move(kind);
    event.reason = std::move(reason);
    event.details_json = std::move(details);
    ASSERT_TRUE(store_->append_risk_event(event).ok());
  }

  static std::string decision_of(const value& signal) {
    return boost::json::serialize(signal.at("decision"));
  }

  // The listed signals' decisions by signal id.
  std::map<std::int64_t, std::string> listed_decisions(const std::string& key) {
    const auto response = get("/api/v1/signals", key);
    EXPECT_EQ(response.status, 200) << response.body;
    std::map<std::int64_t, std::string> out;
    const value body = boost::json::parse(response.body);
    for (const value& signal : body.at("signals").as_array()) {
      out[signal.at("id").as_int64()] = decision_of(signal);
    }
    return out;
  }
};

TEST_F(SignalRoutes, EachListedSignalShowsTheLatestDecisionOfTheCallerOnItsPost) {
  const auto post_42 = add_message(42);
  const auto post_43 = add_message(43);
  const auto first_reading = add_signal(post_42, "long");
  const auto second_reading = add_signal(post_42, "long");  // the same post read again
  const auto other_post = add_signal(post_43, "short");
  const auto alert = add_signal(std::nullopt, "long");  // a webhook alert: no post
  const std::string post_42_details = R"({"channel":"telegram:-1001","message_id":"42"})";
  add_decision(alice_, "decision_rejected", 1'700'000'003, "too risky", post_42_details);
  add_decision(alice_, "decision_accepted", 1'700'000'005, "", post_42_details);
  add_decision(alice_, "decision_resized", 1'700'000'004, "capped", post_42_details);
  add_decision(alice_, "breaker_opened", 1'700'000'009, "losses", post_42_details);
  // Bob's decision on post 43, with the id as a number; alice has none there.
  add_decision(bob_, "decision_rejected", 1'700'000'006, "no stop",
               R"({"channel":"telegram:-1001","message_id":43})");
  start();

  const std::string accepted = R"({"kind":"accepted","reasons":[],"ts":1700000005000})";
  const std::string none = R"({"kind":"none","reasons":[]})";
  const std::string bobs = R"({"kind":"rejected","reasons":["no stop"],"ts":1700000006000})";
  const auto alices = listed_decisions(alice_key_);
  EXPECT_EQ(alices, (std::map<std::int64_t, std::string>{{first_reading.value(), accepted},
                                                         {second_reading.value(), accepted},
                                                         {other_post.value(), none},
                                                         {alert.value(), none}}));
  const auto bob_sees = listed_decisions(bob_key_);
  EXPECT_EQ(bob_sees.at(other_post.value()), bobs);
  EXPECT_EQ(bob_sees.at(first_reading.value()), none);

  // A signal's own page shows the decision its listing shows.
  for (const auto& [id, decision] : alices) {
    const auto one = get(fmt::format("/api/v1/signals/{}", id), alice_key_);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(decision_of(boost::json::parse(one.body)), decision) << "signal " << id;
  }
}

TEST_F(SignalRoutes, ASignalIdOrAPagingIdThatIsNotAWholeNumberIsRefused) {
  start();
  for (const char* target :
       {"/api/v1/signals/abc", "/api/v1/signals/1x", "/api/v1/signals/+1", "/api/v1/signals/%201",
        "/api/v1/signals?before_id=", "/api/v1/signals?before_id=9x",
        "/api/v1/signals?before_id=99999999999999999999"}) {
    EXPECT_EQ(get(target, alice_key_).status, 400) << target;
  }
  EXPECT_EQ(get("/api/v1/signals/-1", alice_key_).status, 404);
  EXPECT_EQ(get("/api/v1/signals?before_id=-1", alice_key_).status, 200);
}

}  // namespace
}  // namespace sigtrader::api
