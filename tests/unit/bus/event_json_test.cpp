#include "bus/event_json.hpp"

#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

namespace sigtrader::bus {
namespace {

SignalEvent sample_signal() {
  return SignalEvent{
      .header = {.ts_event = core::Timestamp::from_seconds(1'704'067'200),
                 .ts_init = core::Timestamp::from_seconds(1'704'067'201),
                 .trace_id = {}},
      .channel = core::ChannelId("file:calls"),
      .message_id = core::MessageId(17),
      .label = "long",
      .confidence = 0.5,
      .symbol = core::Symbol{.base = "BTC", .quote = "USDT"},
      .side = core::PositionSide::kLong,
      .entries = {core::Price::parse("42000")},
      .targets = {core::Price::parse("44000"), core::Price::parse("45000.5")},
      .stop_loss = core::Price::parse("41000"),
      .leverage = 10,
  };
}

TEST(EventJson, AFirstSeenSignalIsVersionOneWithNothingChangedAndNoLink) {
  const boost::json::object json = to_json(sample_signal());
  EXPECT_EQ(json.at("version").as_int64(), 1);
  EXPECT_TRUE(json.at("update_kind").is_null());
  EXPECT_TRUE(json.at("refers_to").is_null());
  EXPECT_TRUE(json.at("link_rule").is_null());
  EXPECT_TRUE(json.at("changed").as_array().empty());
  EXPECT_EQ(json.at("stop_loss").as_string(), "41000");
  EXPECT_EQ(json.at("targets").as_array().at(1).as_string(), "45000.5");
}

TEST(EventJson, AnEditedUpdateCarriesItsVersionKindLinkAndChangedFields) {
  SignalEvent event = sample_signal();
  event.label = "update";
  event.version = 3;
  event.update_kind = "move_stop";
  event.refers_to = core::MessageId(12);
  event.link_rule = "reply";
  event.changed = {"stop_loss", "targets"};
  const boost::json::object json = to_json(event);
  EXPECT_EQ(json.at("version").as_int64(), 3);
  EXPECT_EQ(json.at("update_kind").as_string(), "move_stop");
  EXPECT_EQ(json.at("refers_to").as_int64(), 12);
  EXPECT_EQ(json.at("link_rule").as_string(), "reply");
  EXPECT_EQ(boost::json::serialize(json.at("changed")), R"(["stop_loss","targets"])");
}

}  // namespace
}  // namespace sigtrader::bus
