#include "signals/jsonl_messages.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

struct Collected {
  std::vector<Message> messages;
  std::vector<SkippedMessage> skips;
  core::Result<ReadSummary> summary = core::Error(core::ErrorCode::kInternal, "not read");
};

Collected read(const std::string& text) {
  Collected out;
  std::istringstream in(text);
  out.summary = read_jsonl_messages(
      in,
      [&](Message&& message) {
        out.messages.push_back(std::move(message));
        return core::Status();
      },
      [&](const SkippedMessage& skip) { out.skips.push_back(skip); });
  return out;
}

TEST(JsonlMessages, EachLineIsAMessageOfAFileChannel) {
  const Collected got = read(
      R"({"text": "BTC long 68000", "channel": "calls", "id": 17, "ts": "2024-03-01T12:00:00Z"})"
      "\n"
      R"({"text": "tp1 hit", "channel": "calls", "id": "18", "ts": 1709294460, "reply_to": 17})"
      "\n\n"
      R"({"text": "ETH", "channel": "other", "id": 1, "ts": 1709294460123, "edited_at": "1709294500", "forwarded_from": "X"})"
      "\n");
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  EXPECT_EQ(got.summary->messages, 3);
  EXPECT_EQ(got.summary->chats, 2);
  EXPECT_EQ(got.summary->skipped, 0);
  ASSERT_EQ(got.messages.size(), 3u);
  const Message& first = got.messages[0];
  EXPECT_EQ(first.source, "file");
  EXPECT_EQ(first.channel_id.str(), "file:calls");
  EXPECT_EQ(first.channel_title, "calls");
  EXPECT_EQ(first.id, core::MessageId(17));
  // 2024-03-01T12:00:00Z = 1709294400 s.
  EXPECT_EQ(first.ts, core::Timestamp::from_seconds(1'709'294'400));
  EXPECT_EQ(got.messages[1].id, core::MessageId(18));
  EXPECT_EQ(got.messages[1].ts, core::Timestamp::from_seconds(1'709'294'460));
  EXPECT_EQ(got.messages[1].reply_to, core::MessageId(17));
  EXPECT_EQ(got.messages[2].ts, core::Timestamp::from_ms(1'709'294'460'123));
  EXPECT_EQ(got.messages[2].edited_at, core::Timestamp::from_seconds(1'709'294'500));
  EXPECT_EQ(got.messages[2].forwarded_from, "X");
}

TEST(JsonlMessages, BadLinesAreReportedWithTheirLineNumberAndSkipped) {
  const Collected got = read(
      "{\"text\": \"a\", \"channel\": \"c\", \"id\": 1, \"ts\": 1709294400}\n"
      "not json\n"
      "{\"text\": \"b\", \"channel\": \"c\", \"ts\": 1709294400}\n"
      "{\"text\": \"c\", \"channel\": \"c\", \"id\": \"12a\", \"ts\": 1709294400}\n"
      "{\"text\": \"d\", \"channel\": \"c\", \"id\": 4, \"ts\": \"noon\"}\n"
      "[1, 2]\n"
      "{\"channel\": \"c\", \"id\": 6, \"ts\": 1709294400}\n"
      "{\"text\": \"g\", \"channel\": \"c\", \"id\": 7, \"ts\": 1709294401}");
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  EXPECT_EQ(got.summary->messages, 2);
  EXPECT_EQ(got.summary->skipped, 6);
  ASSERT_EQ(got.skips.size(), 6u);
  EXPECT_EQ(got.skips[0].where, "line 2");
  EXPECT_NE(got.skips[0].reason.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(got.skips[1].where, "line 3");
  EXPECT_EQ(got.skips[1].reason, "\"id\" is missing");
  EXPECT_NE(got.skips[2].reason.find("\"id\" must be an integer"), std::string::npos);
  EXPECT_NE(got.skips[3].reason.find("\"ts\""), std::string::npos);
  EXPECT_EQ(got.skips[4].reason, "not a JSON object");
  EXPECT_EQ(got.skips[5].where, "line 7");
  EXPECT_EQ(got.skips[5].reason, "\"text\" is missing");
  EXPECT_EQ(got.messages[1].text, "g");
}

TEST(JsonlMessages, AnUnopenableFileIsAnIoError) {
  const auto summary = read_jsonl_messages_file("/nonexistent/messages.jsonl", nullptr, nullptr);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code(), core::ErrorCode::kIo);
}

}  // namespace
}  // namespace sigtrader::signals
