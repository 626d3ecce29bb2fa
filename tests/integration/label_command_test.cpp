// Drives `sigtrader label` on a pseudo-terminal the way a person would (keys in, screens out),
// then reads back with `sigtrader label export` exactly which labels it stored.
#include <csignal>
#include <initializer_list>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pty_process.hpp"
#include "sigtrader_process_test.hpp"

namespace sigtrader {
namespace {

using integration::ProcessResult;
using integration::PtyProcess;
using ::testing::HasSubstr;

constexpr std::string_view kMessages =
    R"({"text": "BTC/USDT long entry 42000 tp 44000 sl 41000 10x", "channel": "calls", "id": 1, "ts": "2024-03-01T12:00:00Z"}
{"text": "good morning everyone", "channel": "calls", "id": 2, "ts": "2024-03-01T12:01:00Z"}
{"text": "ETH/USDT short 2500 sl 2600", "channel": "calls", "id": 3, "ts": "2024-03-01T12:02:00Z"}
{"text": "TP1 hit on BTC, move stop to entry", "channel": "calls", "id": 4, "ts": "2024-03-01T12:03:00Z"}
)";

class LabelCommand : public integration::SigtraderProcessTest {
 protected:
  void import(std::string_view messages) {
    const std::string file = write_file("messages.jsonl", std::string(messages));
    const ProcessResult imported = run({"import", "jsonl", file, "--db", db()});
    ASSERT_EQ(imported.exit_code, 0) << describe(imported);
  }

  PtyProcess start_label() const {
    return PtyProcess(SIGTRADER_EXE, {"label", "--db", db(), "--labeler", "tester"}, dir_.string());
  }

  // Presses `keys` and waits until the screen drawn after them shows every one of `expected`.
  static void press(PtyProcess& label, std::string_view keys,
                    std::initializer_list<std::string_view> expected) {
    const std::size_t from = label.mark();
    label.send(keys);
    for (const std::string_view text : expected) {
      ASSERT_TRUE(label.wait_for(text, from))
          << "after pressing '" << keys << "', waited for '" << text << "'; the terminal showed:\n"
          << label.output().substr(from);
    }
  }

  std::string export_as(const std::string& format) const {
    const ProcessResult exported = run({"label", "export", "--format", format, "--db", db()});
    EXPECT_EQ(exported.exit_code, 0) << describe(exported);
    return exported.out;
  }

  static std::string describe(const ProcessResult& result) {
    return "exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
           "--- stderr\n" + result.err;
  }

  std::string db() const { return (dir_ / "test.db").string(); }
};

TEST_F(LabelCommand, KeysLabelUndoSkipAndSearchAndTheExportHasExactlyTheLabelsGiven) {
  import(kMessages);
  PtyProcess label = start_label();
  ASSERT_TRUE(label.wait_for("labeled 0 of 4")) << label.output();
  ASSERT_TRUE(label.wait_for("message 1 ·")) << label.output();
  ASSERT_TRUE(label.wait_for("suggestion: long")) << label.output();

  // Enter accepts the suggestion for #1; n labels #2 none; z takes that back.
  press(label, "\r", {"#1 labeled long (the suggestion)", "labeled 1 of 4", "message 2 ·"});
  press(label, "n", {"#2 labeled none", "labeled 2 of 4", "message 3 ·"});
  press(label, "z", {"undid the label of #2", "labeled 1 of 4", "message 2 ·"});
  // Space skips #2; a search for "tp1" jumps over #3 to #4, labeled update; #3 comes around.
  press(label, " ", {"skipped #2", "message 3 ·"});
  press(label, "/", {"search: _"});
  press(label, "tp1", {"search: tp1_"});
  press(label, "\r", {"found 'tp1' in #4", "message 4 ·"});
  press(label, "u", {"#4 labeled update", "labeled 2 of 4", "message 3 ·"});
  press(label, "q", {"labeled 2 of 4 messages; every label given is saved"});
  const std::optional<int> exit_code = label.wait_exit();
  ASSERT_TRUE(exit_code.has_value()) << label.output();
  EXPECT_EQ(*exit_code, 0) << label.output();

  const std::string jsonl = export_as("jsonl");
  std::vector<boost::json::object> rows;
  for (std::size_t begin = 0; begin < jsonl.size();) {
    const std::size_t end = jsonl.find('\n', begin);
    rows.push_back(boost::json::parse(jsonl.substr(begin, end - begin)).as_object());
    begin = end + 1;
  }
  ASSERT_EQ(rows.size(), 2u) << jsonl;
  EXPECT_EQ(rows[0].at("channel").as_string(), "file:calls");
  EXPECT_EQ(rows[0].at("message_id").as_int64(), 1);
  EXPECT_EQ(rows[0].at("label").as_string(), "long");
  EXPECT_EQ(rows[0].at("labeler").as_string(), "tester");
  EXPECT_EQ(rows[0].at("entities").at("symbol"),
            boost::json::parse(R"({"value": "BTC/USDT", "span": [0, 8]})"));
  EXPECT_EQ(rows[0].at("entities").at("leverage"),
            boost::json::parse(R"({"value": 10, "span": [44, 47]})"));
  EXPECT_EQ(rows[1].at("message_id").as_int64(), 4);
  EXPECT_EQ(rows[1].at("label").as_string(), "update");

  const std::string csv = export_as("csv");
  EXPECT_THAT(csv, HasSubstr("channel,message_id,label,labeler,created_at,text\r\n"
                             "file:calls,1,long,tester,"));
  EXPECT_THAT(csv, HasSubstr(",\"TP1 hit on BTC, move stop to entry\"\r\n"));

  const std::string ner = export_as("ner");
  EXPECT_THAT(ner, HasSubstr("# id = file:calls:1\n# label = long\nBTC/USDT\tB-SYMBOL\n"
                             "long\tB-SIDE\nentry\tO\n42000\tB-ENTRY\ntp\tO\n44000\tB-TARGET\n"
                             "sl\tO\n41000\tB-STOP_LOSS\n10x\tB-LEVERAGE\n\n"));
  EXPECT_THAT(ner, HasSubstr("# id = file:calls:4\n# label = update\n"));
}

TEST_F(LabelCommand, WhenEverythingIsLabeledItSaysSoAndExitsZero) {
  import(R"({"text": "SOL long 150", "channel": "calls", "id": 1, "ts": "2024-03-01T12:00:00Z"}
)");
  {
    PtyProcess label = start_label();
    ASSERT_TRUE(label.wait_for("labeled 0 of 1")) << label.output();
    press(label, "s", {"all 1 messages are labeled"});
    EXPECT_EQ(label.wait_exit(), 0);
  }
  PtyProcess again = start_label();
  ASSERT_TRUE(again.wait_for("all 1 messages are labeled")) << again.output();
  EXPECT_EQ(again.wait_exit(), 0);
  EXPECT_THAT(export_as("csv"), HasSubstr("file:calls,1,short,tester,"));
}

TEST_F(LabelCommand, ATerminationSignalRestoresTheTerminal) {
  import(kMessages);
  PtyProcess label = start_label();
  ASSERT_TRUE(label.wait_for("labeled 0 of 4")) << label.output();
  const std::size_t from = label.mark();
  label.signal(SIGTERM);
  EXPECT_EQ(label.wait_exit(), 128 + SIGTERM);
  // The handler left the alternate screen and showed the cursor again.
  EXPECT_NE(label.output().find("\x1b[?25h\x1b[?1049l", from), std::string::npos);
}

TEST_F(LabelCommand, WithoutATerminalItRefusesAndPointsToExport) {
  import(kMessages);
  const ProcessResult result = integration::run_process(
      "/bin/sh",
      {"-c", std::string("exec '") + SIGTRADER_EXE + "' label --db '" + db() + "' </dev/null"});
  EXPECT_EQ(result.exit_code, 2) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("label export"));
}

TEST_F(LabelCommand, ExportRefusesAnUnknownFormat) {
  import(kMessages);
  EXPECT_EQ(run({"label", "export", "--format", "xml", "--db", db()}).exit_code, 2);
  EXPECT_EQ(export_as("jsonl"), "");
}

}  // namespace
}  // namespace sigtrader
