#include "app/label_export.hpp"

#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include "signals/labeled_post.hpp"

namespace sigtrader::app {
namespace {

storage::LabeledMessage labeled(std::int64_t id, std::string text, std::string label,
                                std::string entities_json) {
  storage::LabeledMessage item;
  item.message.id = storage::MessageRowId(id);
  item.message.channel_id = core::ChannelId("file:calls");
  item.message.message_id = core::MessageId(id);
  item.message.ts_event = core::Timestamp::from_seconds(1'704'067'200);  // 2024-01-01
  item.message.text = std::move(text);
  item.label.message = item.message.id;
  item.label.labeler = "alice";
  item.label.label = std::move(label);
  item.label.entities_json = std::move(entities_json);
  item.label.created_at = core::Timestamp::from_seconds(1'704'070'800);  // 01:00
  return item;
}

TEST(LabelExport, FormatNamesAreJsonlCsvAndNer) {
  EXPECT_EQ(parse_label_export_format("jsonl"), LabelExportFormat::kJsonl);
  EXPECT_EQ(parse_label_export_format("csv"), LabelExportFormat::kCsv);
  EXPECT_EQ(parse_label_export_format("ner"), LabelExportFormat::kNer);
  EXPECT_EQ(parse_label_export_format("xml"), std::nullopt);
}

TEST(LabelExport, JsonlHasOneObjectPerLabelWithItsEntities) {
  const auto out = format_label_export(
      {labeled(7, "BTC long", "long",
               R"({"symbol":{"value":"BTC/USDT","span":[0,3]},"side":null,"entries":[],)"
               R"("targets":[],"stop_loss":null,"leverage":null})")},
      LabelExportFormat::kJsonl);
  ASSERT_TRUE(out.ok()) << out.error().message();
  ASSERT_EQ(out->back(), '\n');
  EXPECT_EQ(boost::json::parse(*out), boost::json::parse(R"({
      "channel": "file:calls", "message_id": 7, "ts": "2024-01-01T00:00:00Z",
      "text": "BTC long", "label": "long", "labeler": "alice",
      "created_at": "2024-01-01T01:00:00Z",
      "entities": {"symbol": {"value": "BTC/USDT", "span": [0, 3]}, "side": null,
                   "entries": [], "targets": [], "stop_loss": null, "leverage": null}})"));
}

TEST(LabelExport, JsonlIsTrainingDataForTheClassifier) {
  // label → label export → train classifier --data: the export must read as labeled posts.
  const auto out = format_label_export(
      {labeled(7, "BTC long 42000 sl 41000", "long", "{}"), labeled(8, "gm", "none", "{}")},
      LabelExportFormat::kJsonl);
  ASSERT_TRUE(out.ok()) << out.error().message();
  const auto posts = signals::parse_labeled_posts(*out, "export.jsonl");
  ASSERT_TRUE(posts.ok()) << posts.error().message();
  ASSERT_EQ(posts->size(), 2U);
  EXPECT_EQ((*posts)[0].label, "long");
  EXPECT_EQ((*posts)[0].channel, "file:calls");
  EXPECT_EQ((*posts)[1].text, "gm");
}

TEST(LabelExport, CsvQuotesFieldsWithCommasQuotesAndLineBreaks) {
  const auto out = format_label_export(
      {labeled(1, "plain", "none", "{}"), labeled(2, "say \"hi\",\nthen go", "none", "{}")},
      LabelExportFormat::kCsv);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out,
            "channel,message_id,label,labeler,created_at,text\r\n"
            "file:calls,1,none,alice,2024-01-01T01:00:00Z,plain\r\n"
            "file:calls,2,none,alice,2024-01-01T01:00:00Z,\"say \"\"hi\"\",\nthen go\"\r\n");
}

TEST(LabelExport, NerWritesConllBlocksTaggedFromTheStoredSpans) {
  const auto out = format_label_export(
      {labeled(3, "ETH short, sl 2600", "short",
               R"({"symbol":{"value":"ETH/USDT","span":[0,3]},"side":{"value":"short",)"
               R"("span":[4,9]},"entries":[],"targets":[],)"
               R"("stop_loss":{"value":"2600","span":[14,18]},"leverage":null})"),
       labeled(4, "gm", "none", "{}")},
      LabelExportFormat::kNer);
  ASSERT_TRUE(out.ok()) << out.error().message();
  EXPECT_EQ(*out,
            "# id = file:calls:3\n# label = short\n"
            "ETH\tB-SYMBOL\nshort\tB-SIDE\n,\tO\nsl\tO\n2600\tB-STOP_LOSS\n\n"
            "# id = file:calls:4\n# label = none\ngm\tO\n\n");
}

TEST(LabelExport, UnreadableEntitiesNameTheMessage) {
  const auto out = format_label_export({labeled(5, "x", "long", "{oops")}, LabelExportFormat::kNer);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message().find("message 5 of 'file:calls'"), std::string::npos)
      << out.error().message();
}

}  // namespace
}  // namespace sigtrader::app
