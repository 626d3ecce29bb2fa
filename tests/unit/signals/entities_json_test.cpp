#include "signals/entities_json.hpp"

#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <gtest/gtest.h>

#include "signals/signal_parser.hpp"

namespace sigtrader::signals {
namespace {

// Byte offsets counted by hand:
// 0 "BTC/USDT" 8 · 9 "LONG" 13 · 14 "Entry:" 21 "42000" 26 · 27 "TP1:" 32 "44000" 37 ·
// 38 "TP2:" 43 "45500.5" 50 · 51 "SL:" 55 "41000" 60 · 61 "Leverage:" 71 "10x" 74
constexpr std::string_view kPost =
    "BTC/USDT LONG\nEntry: 42000\nTP1: 44000\nTP2: 45500.5\nSL: 41000\nLeverage: 10x";

TEST(EntitiesJson, TheParsersFieldsKeepTheirSpansAndLeverageIsFoundInTheText) {
  const LabelEntities entities = entities_from_parsed(kPost, parse_signal(kPost));
  ASSERT_TRUE(entities.symbol.has_value());
  EXPECT_EQ(*entities.symbol, (EntityValue{"BTC/USDT", TextSpan{0, 8}}));
  EXPECT_EQ(*entities.side, (EntityValue{"long", TextSpan{9, 13}}));
  ASSERT_EQ(entities.entries.size(), 1u);
  EXPECT_EQ(entities.entries[0], (EntityValue{"42000", TextSpan{21, 26}}));
  ASSERT_EQ(entities.targets.size(), 2u);
  EXPECT_EQ(entities.targets[0], (EntityValue{"44000", TextSpan{32, 37}}));
  EXPECT_EQ(entities.targets[1], (EntityValue{"45500.5", TextSpan{43, 50}}));
  EXPECT_EQ(*entities.stop_loss, (EntityValue{"41000", TextSpan{55, 60}}));
  EXPECT_EQ(*entities.leverage, (EntityValue{"10", TextSpan{71, 74}}));
}

TEST(EntitiesJson, LeverageSpansCoverTheNumberAndItsX) {
  EXPECT_EQ(find_leverage_span("ETH long 20X cross", 20), (TextSpan{9, 12}));
  EXPECT_EQ(find_leverage_span("lev x15 now", 15), (TextSpan{4, 7}));
  // "х" is Cyrillic (two bytes).
  EXPECT_EQ(find_leverage_span("плечо 5\xd1\x85", 5), (TextSpan{11, 14}));
  // A number without an x, or another number, is not the leverage.
  EXPECT_EQ(find_leverage_span("tp 10 then 100x", 10), std::nullopt);
  EXPECT_EQ(find_leverage_span("max10 and 10x", 10), (TextSpan{10, 13}));
}

TEST(EntitiesJson, TheJsonHasTheDocumentedShape) {
  LabelEntities entities;
  entities.symbol = EntityValue{"ETH/USDT", TextSpan{1, 4}};
  entities.entries = {EntityValue{"2500", TextSpan{10, 14}}};
  entities.leverage = EntityValue{"10", std::nullopt};
  const std::string json = entities_to_json(entities);
  EXPECT_EQ(boost::json::parse(json),
            boost::json::parse(R"({"symbol": {"value": "ETH/USDT", "span": [1, 4]},
                                   "side": null,
                                   "entries": [{"value": "2500", "span": [10, 14]}],
                                   "targets": [], "stop_loss": null,
                                   "leverage": {"value": 10}})"));
}

TEST(EntitiesJson, WhatIsWrittenReadsBack) {
  const LabelEntities entities = entities_from_parsed(kPost, parse_signal(kPost));
  const auto read = entities_from_json(entities_to_json(entities));
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_EQ(*read, entities);
}

TEST(EntitiesJson, AnEmptyObjectIsNoEntities) {
  const auto read = entities_from_json("{}");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, LabelEntities{});
}

TEST(EntitiesJson, MalformedEntitiesNameTheKey) {
  EXPECT_FALSE(entities_from_json("[1]").ok());
  const auto bad_span = entities_from_json(R"({"symbol": {"value": "BTC/USDT", "span": [5]}})");
  ASSERT_FALSE(bad_span.ok());
  EXPECT_NE(bad_span.error().message().find("\"symbol\""), std::string::npos)
      << bad_span.error().message();
  const auto bad_list = entities_from_json(R"({"targets": {"value": "1"}})");
  ASSERT_FALSE(bad_list.ok());
  EXPECT_NE(bad_list.error().message().find("\"targets\""), std::string::npos);
}

}  // namespace
}  // namespace sigtrader::signals
