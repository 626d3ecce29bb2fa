// Imports posts with the real binary and checks what it understood of them: the signals rows, the
// links of updates, edits re-read, and the statistics `sigtrader channels` shows.
#include <map>
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

constexpr std::int64_t kStart = 1'704'067'200;  // 2024-01-01T00:00:00Z

std::string line(std::string_view channel, std::int64_t id, std::int64_t minute,
                 std::string_view text, std::string extra = "") {
  return "{\"channel\": \"" + std::string(channel) + "\", \"id\": " + std::to_string(id) +
         ", \"ts\": " + std::to_string(kStart + 60 * minute) + ", \"text\": \"" +
         std::string(text) + "\"" + extra + "}\n";
}

std::string btc_long(std::string_view stop) {
  return "#BTCUSDT LONG\\nEntry: 42000\\nTargets: 43000 - 44000\\nStop loss: " + std::string(stop);
}

// Channel "calls": a long, a short, three updates (a reply listed before the post it answers, one
// naming its coin, one of a coin never signalled) and chatter; channel "chat": chatter only.
std::string posts(const std::string& edit_of_first = "") {
  return line("calls", 3, 2, "Close 30% of the position here", ", \"reply_to\": 1") +
         line("calls", 1, 0, btc_long("41000"), edit_of_first) +
         line("calls", 2, 1, "#ETHUSDT SHORT\\nEntry: 2300\\nTargets: 2200\\nStop loss: 2400") +
         line("calls", 4, 3, "#ETH TP1 reached ✅") +
         line("calls", 5, 4, "#NEAR signal cancelled, entry not reached") +
         line("calls", 6, 5, "GM fam ☀️ new week, new opportunities") +
         line("chat", 1, 0, "GM fam ☀️ new week, new opportunities") +
         line("chat", 2, 1, "BTC rejected 42k again, careful with longs here");
}

class ChannelsCommand : public integration::SigtraderProcessTest {
 protected:
  boost::json::object run_json(std::vector<std::string> args) const {
    args.push_back("--json");
    const ProcessResult result = run(args);
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    boost::json::error_code ec;
    const boost::json::value value = boost::json::parse(result.out, ec);
    EXPECT_FALSE(ec) << result.out;
    return value.is_object() ? value.get_object() : boost::json::object{};
  }

  boost::json::object import(const std::string& file) const {
    return run_json({"import", "jsonl", file, "--db", db()});
  }

  // The channels' statistics by channel id.
  std::map<std::string, boost::json::object> channels() const {
    const boost::json::object report = run_json({"channels", "--db", db()});
    std::map<std::string, boost::json::object> out;
    for (const auto& row : report.at("channels").as_array())
      out[std::string(row.at("id").as_string())] = row.as_object();
    return out;
  }

  std::string db() const { return (dir_ / "test.db").string(); }
};

std::int64_t count(const boost::json::object& object, std::string_view key) {
  return object.at(key).as_int64();
}

TEST_F(ChannelsCommand, AnImportCountsSignalsUpdatesAndChatterPerChannel) {
  const std::string file = write_file("posts.jsonl", posts());
  const boost::json::object report = import(file);
  EXPECT_EQ(count(report, "new"), 8);
  EXPECT_EQ(count(report, "signals"), 2);
  EXPECT_EQ(count(report, "longs"), 1);
  EXPECT_EQ(count(report, "shorts"), 1);
  EXPECT_EQ(count(report, "updates"), 3);
  EXPECT_EQ(count(report, "linked_updates"), 2);
  EXPECT_EQ(count(report, "unlinked_updates"), 1);
  EXPECT_EQ(count(report, "none"), 3);

  auto stats = channels();
  ASSERT_EQ(stats.size(), 2u);
  const boost::json::object& calls = stats.at("file:calls");
  EXPECT_EQ(calls.at("title").as_string(), "calls");
  EXPECT_EQ(count(calls, "messages"), 6);
  EXPECT_EQ(count(calls, "longs"), 1);
  EXPECT_EQ(count(calls, "shorts"), 1);
  EXPECT_EQ(count(calls, "updates"), 3);
  EXPECT_EQ(count(calls, "linked_updates"), 2);
  EXPECT_EQ(count(calls, "nones"), 1);
  EXPECT_DOUBLE_EQ(calls.at("share_none").as_double(), 1.0 / 6.0);
  EXPECT_EQ(calls.at("first_post").as_string(), "2024-01-01T00:00:00Z");
  EXPECT_EQ(calls.at("last_post").as_string(), "2024-01-01T00:05:00Z");
  EXPECT_TRUE(calls.at("win_rate").is_null()) << "no outcomes before a channel backtest";
  const boost::json::object& chat = stats.at("file:chat");
  EXPECT_EQ(count(chat, "messages"), 2);
  EXPECT_EQ(count(chat, "nones"), 2);
  EXPECT_DOUBLE_EQ(chat.at("share_none").as_double(), 1.0);

  // The reply listed before its signal still links to it; the raw line is kept.
  auto store = storage::SqliteStore::open(db());
  ASSERT_TRUE(store.ok()) << store.error().message();
  const core::ChannelId calls_id("file:calls");
  const auto signal_post = (*store)->find_message(calls_id, core::MessageId(1));
  const auto reply_post = (*store)->find_message(calls_id, core::MessageId(3));
  ASSERT_TRUE(reply_post.ok());
  EXPECT_THAT(reply_post->raw_json.value_or(""), HasSubstr("\"reply_to\":1"));
  const auto signal = (*store)->latest_signal_of_message(signal_post->id);
  const auto reply = (*store)->latest_signal_of_message(reply_post->id);
  ASSERT_TRUE(reply.ok()) << reply.error().message();
  EXPECT_EQ(reply->label, "update");
  EXPECT_EQ(reply->update_kind, "close");
  EXPECT_EQ(reply->refers_to, signal->id);
  EXPECT_EQ(reply->link_rule, "reply");
  const auto by_symbol =
      (*store)->latest_signal_of_message((*store)->find_message(calls_id, core::MessageId(4))->id);
  EXPECT_EQ(by_symbol->link_rule, "symbol");
  EXPECT_EQ(by_symbol->refers_to,
            (*store)
                ->latest_signal_of_message((*store)->find_message(calls_id, core::MessageId(2))->id)
                ->id);
  const auto near =
      (*store)->latest_signal_of_message((*store)->find_message(calls_id, core::MessageId(5))->id);
  EXPECT_FALSE(near->refers_to);
}

TEST_F(ChannelsCommand, ReImportingTheSameFileChangesNothing) {
  const std::string file = write_file("posts.jsonl", posts());
  import(file);
  const auto before = channels();
  const boost::json::object again = import(file);
  EXPECT_EQ(count(again, "new"), 0);
  EXPECT_EQ(count(again, "signals"), 0);
  EXPECT_EQ(count(again, "updates"), 0);
  EXPECT_EQ(count(again, "none"), 0);
  auto after = channels();
  for (auto& [id, row] : after) {
    row.erase("updated_at");
    boost::json::object old = before.at(id);
    old.erase("updated_at");
    EXPECT_EQ(row, old) << id;
  }
  auto store = storage::SqliteStore::open(db());
  const auto tables = (*store)->table_counts();
  for (const auto& table : *tables) {
    if (table.name == "signals") {
      EXPECT_EQ(table.rows, 8);
    }
  }
}

TEST_F(ChannelsCommand, ANewerEditOfASignalIsReReadAndBecomesItsReading) {
  import(write_file("posts.jsonl", posts()));
  const std::string edit_line =
      line("calls", 1, 0, btc_long("40500"), ", \"edited_at\": " + std::to_string(kStart + 7200));
  const boost::json::object report = import(write_file("edit.jsonl", edit_line));
  EXPECT_EQ(count(report, "edited"), 1);
  EXPECT_EQ(count(report, "longs"), 1);

  auto store = storage::SqliteStore::open(db());
  ASSERT_TRUE(store.ok());
  const auto post = (*store)->find_message(core::ChannelId("file:calls"), core::MessageId(1));
  const auto latest = (*store)->latest_signal_of_message(post->id);
  ASSERT_TRUE(latest.ok()) << latest.error().message();
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->stop_loss, core::Price::parse("40500"));
  EXPECT_EQ(latest->ts_init, core::Timestamp::from_seconds(kStart + 7200));
  EXPECT_EQ((*store)->signal_of_version(post->id, 1)->stop_loss, core::Price::parse("41000"))
      << "the first reading stays as it was";
  EXPECT_EQ(count(channels().at("file:calls"), "longs"), 1) << "an edited signal is one signal";

  const std::string newer =
      line("calls", 1, 0, btc_long("40000"), ", \"edited_at\": " + std::to_string(kStart + 10800));
  EXPECT_EQ(count(import(write_file("newer.jsonl", newer)), "edited"), 1);
  EXPECT_EQ((*store)->latest_signal_of_message(post->id)->stop_loss, core::Price::parse("40000"));
  EXPECT_EQ((*store)->latest_signal_of_message(post->id)->version, 3);
}

TEST_F(ChannelsCommand, TextOutputListsEachChannel) {
  import(write_file("posts.jsonl", posts()));
  const ProcessResult result = run({"channels", "--db", db()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("file:calls"));
  EXPECT_THAT(result.out, HasSubstr("3 (2)"));
  EXPECT_THAT(result.out, HasSubstr("16.7%"));
  EXPECT_THAT(result.out, HasSubstr("2024-01-01T00:00"));
}

}  // namespace
}  // namespace sigtrader
