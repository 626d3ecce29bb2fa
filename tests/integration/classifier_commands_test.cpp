// Runs `sigtrader train classifier`, `eval classifier` and `parse` with the real binary: the model
// registry on disk, its metadata, and what `parse` writes with and without a trained model.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"

namespace sigtrader {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using integration::ProcessResult;
using ::testing::HasSubstr;

// 24 posts of 3 channels, written for the tests.
constexpr const char* kLabeled = SIGTRADER_SOURCE_DIR "/tests/fixtures/signals/labeled_posts.jsonl";
// `sha256sum tests/fixtures/signals/labeled_posts.jsonl`, computed when the file was written.
constexpr const char* kLabeledHash =
    "sha256:835e616ba00618c8657c92eb8c6facdd079b46da54799fee4c761cfeb5fb7df6";

class ClassifierCommands : public integration::SigtraderProcessTest {
 protected:
  static std::string describe(const ProcessResult& result) {
    return "exit " + std::to_string(result.exit_code) + "\n--- stdout\n" + result.out +
           "--- stderr\n" + result.err;
  }

  ProcessResult train(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"train", "classifier", "--data", kLabeled, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args);
  }

  std::vector<json::object> parse_lines(const std::string& out) const {
    std::vector<json::object> lines;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
      lines.push_back(json::parse(line).as_object());
    return lines;
  }
};

TEST_F(ClassifierCommands, TrainWritesTheNextVersionWithItsMetadata) {
  const ProcessResult first = train();
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  const json::object report = json::parse(first.out).as_object();
  EXPECT_EQ(report.at("version").as_string(), "v1");
  EXPECT_EQ(report.at("posts").as_int64(), 24);

  const fs::path v1 = dir_ / "models/classifier/signals/v1";
  ASSERT_TRUE(fs::exists(v1 / "model.bin"));
  std::ifstream in(v1 / "metadata.json");
  const json::object metadata =
      json::parse(std::string(std::istreambuf_iterator<char>(in), {})).as_object();
  EXPECT_EQ(metadata.at("kind").as_string(), "classifier");
  EXPECT_EQ(metadata.at("name").as_string(), "signals");
  EXPECT_EQ(metadata.at("data_hash").as_string(), kLabeledHash);
  EXPECT_EQ(metadata.at("params").at("epochs").as_int64(), 30);
  EXPECT_TRUE(metadata.at("metrics").as_object().contains("macro_f1"));
  EXPECT_GT(metadata.at("extra").at("temperature").to_number<double>(), 0.0);

  const ProcessResult second = train({"--epochs", "10"});
  ASSERT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_EQ(json::parse(second.out).at("version").as_string(), "v2");
  EXPECT_TRUE(fs::exists(dir_ / "models/classifier/signals/v2/metadata.json"));
}

TEST_F(ClassifierCommands, ParseUsesTheTrainedModelAndPassesOtherKeysThrough) {
  const std::string input = write_file(
      "posts.jsonl",
      "{\"text\": \"#SOL LONG\\nEntry: 150.50\\nTP: 160, 170\\nSL: 140\\nLeverage: 10x\", "
      "\"source\": \"test\"}\n"
      "{\"text\": \"gm everyone\"}\n");
  const ProcessResult rules = run({"parse", input});
  ASSERT_EQ(rules.exit_code, 0) << describe(rules);
  const std::vector<json::object> by_rules = parse_lines(rules.out);
  ASSERT_EQ(by_rules.size(), 2U);
  EXPECT_EQ(by_rules[0].at("classifier").as_string(), "rules");

  ASSERT_EQ(train().exit_code, 0);
  const ProcessResult parsed = run({"parse", input});
  ASSERT_EQ(parsed.exit_code, 0) << describe(parsed);
  const std::vector<json::object> lines = parse_lines(parsed.out);
  ASSERT_EQ(lines.size(), 2U);
  const json::object& signal = lines[0];
  EXPECT_EQ(signal.at("source").as_string(), "test");
  EXPECT_EQ(signal.at("classifier").as_string(), "fasttext");
  EXPECT_EQ(signal.at("label").as_string(), "long");
  const double confidence = signal.at("confidence").to_number<double>();
  EXPECT_GT(confidence, 0.0);
  EXPECT_LE(confidence, 1.0);
  EXPECT_EQ(signal.at("symbol").as_string(), "SOL/USDT");
  EXPECT_EQ(signal.at("side").as_string(), "long");
  EXPECT_EQ(json::serialize(signal.at("entries")), R"(["150.5"])");
  EXPECT_EQ(json::serialize(signal.at("targets")), R"(["160","170"])");
  EXPECT_EQ(signal.at("stop_loss").as_string(), "140");
  EXPECT_EQ(signal.at("leverage").as_int64(), 10);
  EXPECT_TRUE(signal.at("update").is_null());
  EXPECT_TRUE(signal.at("warnings").as_array().empty());
  EXPECT_EQ(lines[1].at("label").as_string(), "none");
  EXPECT_TRUE(lines[1].at("symbol").is_null());
}

TEST_F(ClassifierCommands, ParseReportsBadLinesAndStillWritesTheOthers) {
  const std::string input =
      write_file("posts.jsonl", "{\"text\": \"BTC long 42000 sl 41000\"}\nnot json\n{\"id\": 3}\n");
  const ProcessResult result = run({"parse", input});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_EQ(parse_lines(result.out).size(), 1U);
  EXPECT_THAT(result.err, HasSubstr("posts.jsonl:2: not JSON"));
  EXPECT_THAT(result.err, HasSubstr("posts.jsonl:3: \\\"text\\\" is missing"));
  EXPECT_THAT(result.err, HasSubstr("2 of 3 lines could not be read"));
}

TEST_F(ClassifierCommands, ParseReadsATelegramExport) {
  const std::string file = write_file("result.json", R"({"name": "Calls", "type": "public_channel",
    "id": 77, "messages": [
    {"id": 5, "type": "message", "date": "2024-01-01T00:01:00", "date_unixtime": "1704067260",
     "text": ["#ETH ", {"type": "bold", "text": "SHORT"}, "\nEntry 3000\nSL 3100\nTP 2900"]}]})");
  const ProcessResult result = run({"parse", "--telegram-export", file});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const std::vector<json::object> lines = parse_lines(result.out);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_EQ(lines[0].at("id").as_int64(), 5);
  EXPECT_EQ(lines[0].at("label").as_string(), "short");
  EXPECT_EQ(lines[0].at("stop_loss").as_string(), "3100");
}

TEST_F(ClassifierCommands, EvalScoresHeldOutDataAndSaysWhenNothingIsTrained) {
  const ProcessResult untrained = run({"eval", "classifier", "--data", kLabeled});
  EXPECT_EQ(untrained.exit_code, 1);
  EXPECT_THAT(untrained.err, HasSubstr("sigtrader train classifier"));

  ASSERT_EQ(train().exit_code, 0);
  const ProcessResult result = run({"eval", "classifier", "--data", kLabeled, "--json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  const json::object report = json::parse(result.out).as_object();
  const json::object& scores = report.at("classifier").as_object();
  EXPECT_EQ(scores.at("posts").as_int64(), 24);
  for (const char* label : {"long", "short", "update", "none"}) {
    EXPECT_EQ(scores.at("labels").at(label).at("support").as_int64(), 6) << label;
  }
  EXPECT_EQ(scores.at("fields").at("symbol").at("scored").as_int64(), 12);
}

TEST_F(ClassifierCommands, EvalCrossValidationNeedsEnoughChannels) {
  const ProcessResult result = run({"eval", "classifier", "--data", kLabeled, "--rules"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("the rule classifier on 24 posts"));
  const ProcessResult folds = run({"eval", "classifier", "--folds", "5"});
  EXPECT_EQ(folds.exit_code, 1);
  EXPECT_THAT(folds.err, HasSubstr("corpus holds no *.jsonl"));
}

}  // namespace
}  // namespace sigtrader
