// The labeled corpus under data/corpus/ is the answer key for training and evaluation, so it must
// be well formed: every line a message of the documented schema, ids unique, prices in the
// normalised form the parser writes, symbols in BASE/QUOTE form, updates linked to earlier signals.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include "signals/number_text.hpp"
#include "signals/symbol_text.hpp"

namespace sigtrader::signals {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct Line {
  std::string where;
  json::object message;
};

std::vector<Line> corpus() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SIGTRADER_SOURCE_DIR "/data/corpus")) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Line> lines;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::string text;
    for (int number = 1; std::getline(in, text); ++number) {
      const std::string where = file.filename().string() + ":" + std::to_string(number);
      boost::system::error_code error;
      json::value value = json::parse(text, error);
      EXPECT_FALSE(error) << where << ": " << error.message();
      if (error || !value.is_object()) continue;
      lines.push_back({where, value.as_object()});
    }
  }
  return lines;
}

bool is_normalised_decimal(const json::value& value) {
  if (!value.is_string()) return false;
  const std::string text(value.as_string());
  const auto parsed = parse_number_text(text);
  return parsed && parsed->to_string() == text;
}

TEST(Corpus, HasEnoughMessagesOfEveryLabel) {
  const auto lines = corpus();
  std::map<std::string, int> labels;
  for (const Line& line : lines)
    labels[std::string(line.message.at("label").as_string())]++;
  EXPECT_GE(lines.size(), 800u);
  EXPECT_EQ(labels.size(), 4u);
  for (const auto& [label, count] : labels) {
    EXPECT_GE(count, static_cast<int>(lines.size() / 10)) << label;
  }
}

TEST(Corpus, EveryMessageFollowsTheSchema) {
  std::set<std::string> ids;
  std::map<std::string, std::string> label_of;
  for (const Line& line : corpus()) {
    SCOPED_TRACE(line.where);
    const json::object& m = line.message;
    for (const char* key :
         {"id", "channel", "lang", "text", "label", "symbol", "side", "entries", "entry_market",
          "targets", "stop_loss", "leverage", "margin_mode", "update", "reply_to"}) {
      ASSERT_TRUE(m.contains(key)) << key;
    }
    const std::string id(m.at("id").as_string());
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    const std::string label(m.at("label").as_string());
    EXPECT_TRUE(label == "long" || label == "short" || label == "update" || label == "none")
        << label;
    label_of[id] = label;
    EXPECT_FALSE(m.at("text").as_string().empty());

    if (!m.at("symbol").is_null()) {
      const std::string symbol(m.at("symbol").as_string());
      const auto parsed = parse_symbol_text(symbol);
      EXPECT_TRUE(parsed && parsed->to_string() == symbol) << symbol;
    }
    for (const char* list : {"entries", "targets"}) {
      for (const json::value& price : m.at(list).as_array()) {
        EXPECT_TRUE(is_normalised_decimal(price)) << list << ": " << json::serialize(price);
      }
    }
    if (!m.at("stop_loss").is_null()) {
      EXPECT_TRUE(is_normalised_decimal(m.at("stop_loss"))) << json::serialize(m.at("stop_loss"));
    }
    if (label == "long" || label == "short") {
      EXPECT_EQ(m.at("side").as_string(), label);
      EXPECT_TRUE(m.at("update").is_null());
    } else {
      EXPECT_TRUE(m.at("entries").as_array().empty());
      EXPECT_TRUE(m.at("targets").as_array().empty());
      EXPECT_TRUE(m.at("stop_loss").is_null());
    }
    if (label == "update") {
      ASSERT_TRUE(m.at("update").is_object());
      const std::string kind(m.at("update").at("kind").as_string());
      const std::set<std::string> kinds{"target_hit", "stop_hit", "move_stop",   "close",
                                        "cancel",     "reentry",  "entry_filled"};
      EXPECT_TRUE(kinds.contains(kind)) << kind;
    } else {
      EXPECT_TRUE(m.at("update").is_null());
    }
    if (!m.at("reply_to").is_null()) {
      const std::string target(m.at("reply_to").as_string());
      ASSERT_TRUE(label_of.contains(target)) << "reply_to " << target << " is not earlier";
      EXPECT_TRUE(label_of[target] == "long" || label_of[target] == "short") << target;
    }
  }
}

}  // namespace
}  // namespace sigtrader::signals
