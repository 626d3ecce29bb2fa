#include "signals/telegram_export.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

// 2023-11-14T22:13:20Z is 1700000000 s.
constexpr std::int64_t kT0 = 1'700'000'000;

// A single-chat export, written for these tests in the layout Telegram Desktop uses.
const std::string kSingleChat = R"({
 "name": "Crypto Calls",
 "type": "public_channel",
 "id": 1234567890,
 "messages": [
  {
   "id": 1,
   "type": "service",
   "date": "2023-11-14T22:00:00",
   "date_unixtime": "1699999200",
   "actor": "Crypto Calls",
   "action": "create_channel",
   "text": ""
  },
  {
   "id": 2,
   "type": "message",
   "date": "2023-11-15T01:13:20",
   "date_unixtime": "1700000000",
   "from": "Crypto Calls",
   "text": "BTC/USDT long 68000 \"now\"\nsl 66000"
  },
  {
   "id": 3,
   "type": "message",
   "date": "2023-11-14T22:15:00",
   "date_unixtime": "1700000100",
   "edited": "2023-11-14T22:20:00",
   "edited_unixtime": "1700000400",
   "from": "Crypto Calls",
   "reply_to_message_id": 2,
   "text": [
    "Target 1 ",
    {"type": "bold", "text": "hit"},
    " on ",
    {"type": "cashtag", "text": "$BTC"},
    {"type": "link", "text": "https://example.org/{x}]"}
   ]
  },
  {
   "id": 4,
   "type": "message",
   "date": "2023-11-14T22:30:00",
   "forwarded_from": "Whale Alerts",
   "text": "ETH short 2100"
  }
 ]
})";

struct Collected {
  std::vector<Message> messages;
  std::vector<SkippedMessage> skips;
  core::Result<ReadSummary> summary = core::Error(core::ErrorCode::kInternal, "not read");
};

Collected read_in_pieces(const std::string& json, std::size_t piece,
                         TelegramExportOptions options = {}) {
  Collected out;
  TelegramExportReader reader(
      std::move(options),
      [&](Message&& message) {
        out.messages.push_back(std::move(message));
        return core::Status();
      },
      [&](const SkippedMessage& skip) { out.skips.push_back(skip); });
  for (std::size_t at = 0; at < json.size(); at += piece) {
    if (auto status = reader.feed(std::string_view(json).substr(at, piece)); !status.ok()) {
      out.summary = status.error();
      return out;
    }
  }
  out.summary = reader.finish();
  return out;
}

Collected read(const std::string& json, TelegramExportOptions options = {}) {
  Collected out;
  std::istringstream in(json);
  out.summary = read_telegram_export(
      in, options,
      [&](Message&& message) {
        out.messages.push_back(std::move(message));
        return core::Status();
      },
      [&](const SkippedMessage& skip) { out.skips.push_back(skip); });
  return out;
}

TEST(TelegramExport, ASingleChatExportGivesItsPostsAndLeavesOutServiceMessages) {
  const Collected got = read(kSingleChat);
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  EXPECT_EQ(got.summary->chats, 1);
  EXPECT_EQ(got.summary->messages, 3);
  EXPECT_EQ(got.summary->service, 1);
  EXPECT_EQ(got.summary->skipped, 0);
  ASSERT_EQ(got.messages.size(), 3u);

  const Message& first = got.messages[0];
  EXPECT_EQ(first.source, "telegram");
  EXPECT_EQ(first.channel_id.str(), "telegram:1234567890");
  EXPECT_EQ(first.channel_title, "Crypto Calls");
  EXPECT_EQ(first.id, core::MessageId(2));
  EXPECT_EQ(first.text, "BTC/USDT long 68000 \"now\"\nsl 66000");
  EXPECT_FALSE(first.reply_to.has_value());
  EXPECT_FALSE(first.edited_at.has_value());
  EXPECT_FALSE(first.forwarded_from.has_value());
}

TEST(TelegramExport, DateUnixtimeIsPreferredOverTheLocalDate) {
  const Collected got = read(kSingleChat);
  ASSERT_TRUE(got.summary.ok());
  // "date" says 01:13:20 local time (UTC+3 on the exporting computer); date_unixtime is UTC.
  EXPECT_EQ(got.messages[0].ts, core::Timestamp::from_seconds(kT0));
  // Without date_unixtime the local date is read as UTC.
  EXPECT_EQ(got.messages[2].ts, core::Timestamp::try_parse_iso8601("2023-11-14T22:30:00Z").value());
}

TEST(TelegramExport, ArrayTextIsTheConcatenationOfItsStringsAndEntityTexts) {
  const Collected got = read(kSingleChat);
  ASSERT_TRUE(got.summary.ok());
  EXPECT_EQ(got.messages[1].text, "Target 1 hit on $BTChttps://example.org/{x}]");
}

TEST(TelegramExport, RepliesEditsAndForwardsAreKept) {
  const Collected got = read(kSingleChat);
  ASSERT_TRUE(got.summary.ok());
  EXPECT_EQ(got.messages[1].reply_to, core::MessageId(2));
  EXPECT_EQ(got.messages[1].edited_at, core::Timestamp::from_seconds(kT0 + 400));
  EXPECT_EQ(got.messages[2].forwarded_from, "Whale Alerts");
}

TEST(TelegramExport, PiecesSplittingTheJsonAnywhereGiveTheSameMessages) {
  const Collected whole = read(kSingleChat);
  for (const std::size_t piece : {1u, 2u, 7u, 64u}) {
    const Collected pieces = read_in_pieces(kSingleChat, piece);
    ASSERT_TRUE(pieces.summary.ok()) << pieces.summary.error().message();
    ASSERT_EQ(pieces.messages.size(), whole.messages.size()) << piece;
    for (std::size_t i = 0; i < whole.messages.size(); ++i) {
      EXPECT_EQ(pieces.messages[i].text, whole.messages[i].text);
      EXPECT_EQ(pieces.messages[i].id, whole.messages[i].id);
    }
  }
}

const std::string kFullExport = R"({
 "about": "Here is the data you requested.",
 "personal_information": {"first_name": "A", "phone_number": "+00 000"},
 "chats": {
  "about": "This page lists all chats from this export.",
  "list": [
   {
    "name": "Alpha Signals",
    "type": "public_channel",
    "id": 111,
    "messages": [
     {"id": 10, "type": "message", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200",
      "text": "SOL long"},
     {"id": 11, "type": "message", "date": "2024-01-01T00:01:00", "date_unixtime": "1704067260",
      "text": ["DOGE ", {"type": "italic", "text": "short"}]}
    ]
   },
   {
    "type": "private_supergroup",
    "id": -222,
    "name": "Beta Club",
    "messages": [
     {"id": 10, "type": "message", "date": "2024-01-02T00:00:00", "text": "gm"}
    ]
   }
  ]
 },
 "left_chats": {"about": "left", "list": []}
})";

TEST(TelegramExport, AFullExportGivesTheMessagesOfEveryChatUnderItsOwnChannel) {
  const Collected got = read(kFullExport);
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  EXPECT_EQ(got.summary->chats, 2);
  ASSERT_EQ(got.messages.size(), 3u);
  EXPECT_EQ(got.messages[0].channel_id.str(), "telegram:111");
  EXPECT_EQ(got.messages[0].channel_title, "Alpha Signals");
  EXPECT_EQ(got.messages[1].text, "DOGE short");
  EXPECT_EQ(got.messages[2].channel_id.str(), "telegram:-222");
  EXPECT_EQ(got.messages[2].channel_title, "Beta Club");
  EXPECT_EQ(got.messages[2].id, core::MessageId(10));
}

TEST(TelegramExport, TheChatFilterKeepsOnlyTheNamedChat) {
  const Collected got = read(kFullExport, TelegramExportOptions{.chat = "Beta Club"});
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  EXPECT_EQ(got.summary->chats, 1);
  EXPECT_EQ(got.summary->chats_left_out, 1);
  ASSERT_EQ(got.messages.size(), 1u);
  EXPECT_EQ(got.messages[0].text, "gm");

  const Collected by_id = read(kFullExport, TelegramExportOptions{.chat = "telegram:111"});
  ASSERT_TRUE(by_id.summary.ok());
  EXPECT_EQ(by_id.messages.size(), 2u);
  const Collected none = read(kFullExport, TelegramExportOptions{.chat = "Gamma"});
  ASSERT_TRUE(none.summary.ok());
  EXPECT_TRUE(none.messages.empty());
  EXPECT_EQ(none.summary->chats_left_out, 2);
}

TEST(TelegramExport, AChatWhoseIdAndNameFollowItsMessagesIsReadWhenTheChatEnds) {
  const std::string json = R"({"chats": {"list": [
    {"messages": [{"id": 3, "type": "message", "date_unixtime": "1700000000", "text": "late"}],
     "id": 333, "name": "Late Names"},
    {"messages": [{"id": 4, "type": "message", "date_unixtime": "1700000000", "text": "orphan"}]}
  ]}})";
  const Collected got = read(json, TelegramExportOptions{.chat = "Late Names"});
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  ASSERT_EQ(got.messages.size(), 1u);
  EXPECT_EQ(got.messages[0].channel_id.str(), "telegram:333");
  EXPECT_EQ(got.messages[0].channel_title, "Late Names");

  const Collected all = read(json);
  ASSERT_TRUE(all.summary.ok());
  EXPECT_EQ(all.messages.size(), 1u);
  ASSERT_EQ(all.skips.size(), 1u);
  EXPECT_EQ(all.skips[0].reason, "its chat has no 'id'");
}

TEST(TelegramExport, AMalformedMessageIsReportedAndSkippedAndTheRestIsRead) {
  const std::string json = R"({"name": "C", "type": "public_channel", "id": 5, "messages": [
    {"id": 1, "type": "message", "date_unixtime": "1700000000", "text": "ok one"},
    {"id": 2, "type": "message", "date_unixtime": "1700000001" "text": "missing comma"},
    {"id": "x", "type": "message", "date_unixtime": "1700000002", "text": "bad id"},
    {"id": 4, "type": "message", "text": "no date"},
    {"id": 5, "type": "message", "date_unixtime": "1700000004", "text": 17},
    {"id": 6, "type": "message", "date": "yesterday", "text": "bad date"},
    42,
    {"id": 7, "type": "message", "date_unixtime": "1700000006", "text": "ok two"}
  ]})";
  const Collected got = read(json);
  ASSERT_TRUE(got.summary.ok()) << got.summary.error().message();
  EXPECT_EQ(got.summary->messages, 2);
  EXPECT_EQ(got.summary->skipped, 6);
  ASSERT_EQ(got.messages.size(), 2u);
  EXPECT_EQ(got.messages[1].text, "ok two");
  ASSERT_EQ(got.skips.size(), 6u);
  EXPECT_NE(got.skips[0].where.find("byte "), std::string::npos) << got.skips[0].where;
  EXPECT_NE(got.skips[0].reason.find("not valid JSON"), std::string::npos) << got.skips[0].reason;
  EXPECT_NE(got.skips[1].reason.find("'id'"), std::string::npos);
  EXPECT_NE(got.skips[2].where.find("message 4 of chat 'C'"), std::string::npos)
      << got.skips[2].where;
  EXPECT_NE(got.skips[2].reason.find("date"), std::string::npos);
  EXPECT_NE(got.skips[3].reason.find("'text'"), std::string::npos);
  EXPECT_NE(got.skips[4].reason.find("'date'"), std::string::npos) << got.skips[4].reason;
  EXPECT_NE(got.skips[5].reason.find("JSON object"), std::string::npos);
}

TEST(TelegramExport, ATruncatedFileIsAnErrorWithTheByteOffset) {
  const std::string truncated = kSingleChat.substr(0, kSingleChat.find("\"id\": 3") + 20);
  const Collected got = read(truncated);
  ASSERT_FALSE(got.summary.ok());
  EXPECT_EQ(got.summary.error().code(), core::ErrorCode::kParse);
  EXPECT_NE(got.summary.error().message().find("ends at byte " + std::to_string(truncated.size())),
            std::string::npos)
      << got.summary.error().message();
  EXPECT_NE(got.summary.error().message().find("truncated"), std::string::npos);
  EXPECT_EQ(got.messages.size(), 1u) << "the messages before the cut were delivered";
}

TEST(TelegramExport, BrokenJsonOutsideAMessageStopsWithTheByteOffset) {
  const Collected got = read(R"({"name": "C", "id": 5 "messages": []})");
  ASSERT_FALSE(got.summary.ok());
  EXPECT_NE(got.summary.error().message().find("byte 22: expected ',' or '}'"), std::string::npos)
      << got.summary.error().message();
  const Collected mismatched =
      read(R"({"name": "C", "id": 5, "messages": [{"id": 1, "text": [}]})");
  ASSERT_FALSE(mismatched.summary.ok());
  EXPECT_NE(mismatched.summary.error().message().find("closes a '['"), std::string::npos)
      << mismatched.summary.error().message();
}

TEST(TelegramExport, JsonWithoutMessagesIsNotAnExport) {
  for (const std::string& json :
       {std::string(R"({"a": [1, 2, {"b": null}]})"), std::string("[]"), std::string("   ")}) {
    const Collected got = read(json);
    ASSERT_FALSE(got.summary.ok()) << json;
    EXPECT_EQ(got.summary.error().code(), core::ErrorCode::kParse);
  }
}

TEST(TelegramExport, AnUnopenableFileIsAnIoErrorNamingIt) {
  const auto summary = read_telegram_export_file("/nonexistent/result.json", {}, nullptr, nullptr);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code(), core::ErrorCode::kIo);
  EXPECT_NE(summary.error().message().find("/nonexistent/result.json"), std::string::npos);
}

TEST(TelegramExport, AnErrorFromTheSinkStopsTheReading) {
  std::istringstream in(kSingleChat);
  int delivered = 0;
  const auto summary = read_telegram_export(
      in, {},
      [&](Message&&) {
        ++delivered;
        return core::Status(core::Error(core::ErrorCode::kStorage, "disk full"));
      },
      nullptr);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().message(), "disk full");
  EXPECT_EQ(delivered, 1);
}

}  // namespace
}  // namespace sigtrader::signals
