// Runs `sigtrader import telegram-export|jsonl` on files written by the tests, into a real SQLite
// file, and checks the counts it prints and what ends up in the database.
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader {
namespace {

using integration::ProcessResult;
using ::testing::HasSubstr;

class ImportCommand : public integration::SigtraderProcessTest {
 protected:
  // Runs an import with --json and returns its report.
  boost::json::object import_json(std::vector<std::string> args) const {
    args.push_back("--json");
    const ProcessResult result = run(args);
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    boost::json::error_code ec;
    const boost::json::value report = boost::json::parse(result.out, ec);
    EXPECT_FALSE(ec) << result.out;
    return report.is_object() ? report.get_object() : boost::json::object{};
  }

  static std::string describe(const ProcessResult& result) {
    return "exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
           "--- stderr\n" + result.err;
  }

  std::string db() const { return (dir_ / "test.db").string(); }
};

std::int64_t count(const boost::json::object& report, std::string_view key) {
  return report.at(key).as_int64();
}

// Two chats of a full-account export, written for this test in Telegram Desktop's layout.
std::string full_export(const std::string& edited_text) {
  return R"({"about": "x", "chats": {"about": "y", "list": [
  {"name": "Alpha Signals", "type": "public_channel", "id": 1001, "messages": [
    {"id": 1, "type": "service", "date": "2024-01-01T00:00:00", "date_unixtime": "1704067200",
     "action": "create_channel", "text": ""},
    {"id": 2, "type": "message", "date": "2024-01-01T00:01:00", "date_unixtime": "1704067260",
     "text": ["BTC/USDT ", {"type": "bold", "text": "long"}, " 42000"]},
    {"id": 3, "type": "message", "date": "2024-01-01T00:02:00", "date_unixtime": "1704067320",
     "reply_to_message_id": 2, )" +
         (edited_text.empty()
              ? std::string(R"("text": "tp 44000"})")
              : R"("edited": "2024-01-01T01:00:00", "edited_unixtime": "1704070800", "text": ")" +
                    edited_text + R"("})") +
         R"(
  ]},
  {"name": "Beta Club", "type": "private_supergroup", "id": 2002, "messages": [
    {"id": 1, "type": "message", "date": "2024-01-02T00:00:00", "date_unixtime": "1704153600",
     "forwarded_from": "Whale Alerts", "text": "ETH short"}
  ]}
]}})";
}

TEST_F(ImportCommand, ImportingAnExportTwiceAddsNothingTheSecondTime) {
  const std::string file = write_file("result.json", full_export(""));
  const auto first = import_json({"import", "telegram-export", file, "--db", db()});
  EXPECT_EQ(count(first, "channels"), 2);
  EXPECT_EQ(count(first, "read"), 3);
  EXPECT_EQ(count(first, "new"), 3);
  EXPECT_EQ(count(first, "service"), 1);
  EXPECT_EQ(count(first, "skipped"), 0);

  const auto second = import_json({"import", "telegram-export", file, "--db", db()});
  EXPECT_EQ(count(second, "read"), 3);
  EXPECT_EQ(count(second, "new"), 0);
  EXPECT_EQ(count(second, "already_stored"), 3);
  EXPECT_EQ(count(second, "edited"), 0);

  auto store = storage::SqliteStore::open(db());
  ASSERT_TRUE(store.ok()) << store.error().message();
  const auto channels = (*store)->list_channels();
  ASSERT_TRUE(channels.ok());
  ASSERT_EQ(channels->size(), 2u);
  EXPECT_EQ(channels->at(0).id.str(), "telegram:1001");
  EXPECT_EQ(channels->at(0).title, "Alpha Signals");
  EXPECT_EQ(channels->at(0).source, "telegram");
  const auto messages =
      (*store)->list_messages(core::ChannelId("telegram:1001"), core::Timestamp::from_seconds(0),
                              core::Timestamp::from_seconds(2'000'000'000), 10);
  ASSERT_TRUE(messages.ok());
  ASSERT_EQ(messages->size(), 2u);
  EXPECT_EQ(messages->at(0).text, "BTC/USDT long 42000");
  EXPECT_EQ(messages->at(0).ts_event, core::Timestamp::from_seconds(1'704'067'260));
  EXPECT_EQ(messages->at(0).ts_init, messages->at(0).ts_event);
  EXPECT_EQ(messages->at(1).reply_to, core::MessageId(2));
  const auto forwarded =
      (*store)->list_messages(core::ChannelId("telegram:2002"), core::Timestamp::from_seconds(0),
                              core::Timestamp::from_seconds(2'000'000'000), 10);
  ASSERT_EQ(forwarded->size(), 1u);
  EXPECT_EQ(forwarded->front().forwarded_from, "Whale Alerts");
}

TEST_F(ImportCommand, AnExportWithAnEditedPostAddsOneVersion) {
  const std::string original = write_file("original.json", full_export(""));
  const std::string edited = write_file("edited.json", full_export("tp 45000 (moved)"));
  import_json({"import", "telegram-export", original, "--db", db()});

  const ProcessResult result = run({"import", "telegram-export", edited, "--db", db()});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("3 messages read from 2 channels"));
  EXPECT_THAT(result.out, HasSubstr("new:             0\n"));
  EXPECT_THAT(result.out, HasSubstr("already stored:  2\n"));
  EXPECT_THAT(result.out, HasSubstr("edited:          1 (new versions)\n"));
  EXPECT_EQ(count(import_json({"import", "telegram-export", edited, "--db", db()}), "edited"), 0)
      << "the same edit again adds nothing";

  auto store = storage::SqliteStore::open(db());
  ASSERT_TRUE(store.ok());
  const auto messages =
      (*store)->list_messages(core::ChannelId("telegram:1001"), core::Timestamp::from_seconds(0),
                              core::Timestamp::from_seconds(2'000'000'000), 10);
  ASSERT_EQ(messages->size(), 2u);
  EXPECT_EQ(messages->at(1).text, "tp 45000 (moved)");
  const auto versions = (*store)->message_versions(messages->at(1).id);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(versions->at(0).text, "tp 44000");
  EXPECT_EQ(versions->at(1).ts_init, core::Timestamp::from_seconds(1'704'070'800))
      << "the edit is visible from its edit time on";
}

TEST_F(ImportCommand, TheChannelOptionImportsOneChatOfAFullExport) {
  const std::string file = write_file("result.json", full_export(""));
  const auto report =
      import_json({"import", "telegram-export", file, "--channel", "Beta Club", "--db", db()});
  EXPECT_EQ(count(report, "channels"), 1);
  EXPECT_EQ(count(report, "channels_left_out"), 1);
  EXPECT_EQ(count(report, "new"), 1);
}

TEST_F(ImportCommand, MalformedMessagesAreSkippedWithReasonsAndATruncatedExportFails) {
  const std::string file =
      write_file("result.json",
                 R"({"name": "C", "type": "public_channel", "id": 7, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1704067200", "text": "fine"},
        {"id": 2, "type": "message", "text": "no date"}]})");
  const ProcessResult result = run({"import", "telegram-export", file, "--db", db()});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("skipped:         1\n"));
  EXPECT_THAT(result.out, HasSubstr("(message 2 of chat 'C'): no 'date' or 'date_unixtime'"));

  const std::string truncated = write_file("cut.json", R"({"name": "C", "id": 7, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1704067200", "text": "fine"},
        {"id": 3, "type": "message", "te)");
  const ProcessResult cut = run({"import", "telegram-export", truncated, "--db", db()});
  EXPECT_EQ(cut.exit_code, 1) << describe(cut);
  EXPECT_THAT(cut.err, HasSubstr("truncated"));
  EXPECT_THAT(cut.err, HasSubstr("cut.json"));
}

TEST_F(ImportCommand, JsonLinesAreImportedOnceWithBadLinesSkipped) {
  const std::string file = write_file(
      "messages.jsonl",
      "{\"text\": \"BTC long\", \"channel\": \"calls\", \"id\": 1, \"ts\": "
      "\"2024-03-01T12:00:00Z\"}\n"
      "{\"text\": \"oops\", \"channel\": \"calls\"}\n"
      "{\"text\": \"tp hit\", \"channel\": \"calls\", \"id\": \"2\", \"ts\": 1709294460}\n");
  const auto first = import_json({"import", "jsonl", file, "--db", db()});
  EXPECT_EQ(count(first, "new"), 2);
  EXPECT_EQ(count(first, "skipped"), 1);
  const auto& skipped = first.at("skipped_messages").as_array();
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].at("where").as_string(), "line 2");
  EXPECT_EQ(count(import_json({"import", "jsonl", file, "--db", db()}), "new"), 0);

  auto store = storage::SqliteStore::open(db());
  ASSERT_TRUE(store.ok());
  const auto channel = (*store)->find_channel(core::ChannelId("file:calls"));
  ASSERT_TRUE(channel.ok()) << channel.error().message();
  EXPECT_EQ(channel->source, "file");
}

TEST_F(ImportCommand, AMissingFileFailsAndAMissingArgumentIsBadUsage) {
  const ProcessResult missing = run({"import", "jsonl", "nope.jsonl", "--db", db()});
  EXPECT_EQ(missing.exit_code, 1) << describe(missing);
  EXPECT_THAT(missing.err, HasSubstr("nope.jsonl"));
  EXPECT_EQ(run({"import", "telegram-export"}).exit_code, 2);
  EXPECT_EQ(run({"import"}).exit_code, 2);
}

}  // namespace
}  // namespace sigtrader
