// The rule parser against the labeled corpus (data/corpus) and, when present, the real posts of
// ../shared/data/messages: label accuracy and exact-match rates of the entities. The thresholds
// are what the rule-only parser reaches today; the trained classifier (issue 5) must raise them.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <gtest/gtest.h>

#include "signals/signal_parser.hpp"

namespace sigtrader::signals {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::vector<json::object> read_jsonl(const fs::path& file) {
  std::vector<json::object> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(json::parse(line).as_object());
  }
  return out;
}

std::string or_null(const std::optional<core::Symbol>& symbol) {
  return symbol ? symbol->to_string() : "null";
}

struct Score {
  int messages = 0;
  int labels_right = 0;
  int signals = 0;
  int symbols_right = 0;
  int sides_right = 0;
  int stops_right = 0;
  int stops_known = 0;
  std::map<std::string, std::map<std::string, int>> confusion;  // expected → got → count
  std::vector<std::string> misses;
};

Score score(const std::vector<json::object>& messages) {
  Score s;
  for (const json::object& m : messages) {
    const std::string text(m.at("text").as_string());
    const ParsedSignal parsed = parse_signal(text);
    const std::string expected(m.at("label").as_string());
    ++s.messages;
    s.confusion[expected][parsed.label]++;
    if (parsed.label == expected) {
      ++s.labels_right;
    } else if (s.misses.size() < 10) {
      s.misses.push_back(expected + " → " + parsed.label + ": " + text.substr(0, 90));
    }
    if (expected != "long" && expected != "short") continue;
    ++s.signals;
    const std::string symbol =
        m.at("symbol").is_null() ? "null" : std::string(m.at("symbol").as_string());
    if (or_null(parsed.symbol) == symbol) ++s.symbols_right;
    if (parsed.side && (*parsed.side == core::PositionSide::kLong) == (expected == "long")) {
      ++s.sides_right;
    }
    if (!m.at("stop_loss").is_null()) {
      ++s.stops_known;
      if (parsed.stop_loss && parsed.stop_loss->value == core::Decimal::parse(std::string(
                                                             m.at("stop_loss").as_string()))) {
        ++s.stops_right;
      }
    }
  }
  return s;
}

void print(const std::string& name, const Score& s) {
  std::printf(
      "%s: %d messages, labels %.1f %%, symbol %.1f %%, side %.1f %%, stop %.1f %% (of %d)\n",
      name.c_str(), s.messages, 100.0 * s.labels_right / s.messages,
      100.0 * s.symbols_right / std::max(1, s.signals),
      100.0 * s.sides_right / std::max(1, s.signals),
      100.0 * s.stops_right / std::max(1, s.stops_known), s.stops_known);
  for (const auto& [expected, row] : s.confusion) {
    std::printf("  %-7s", expected.c_str());
    for (const auto& [got, count] : row)
      std::printf(" %s:%d", got.c_str(), count);
    std::printf("\n");
  }
  for (const std::string& miss : s.misses)
    std::printf("  miss %s\n", miss.c_str());
}

TEST(ParserOnCorpus, ReachesTheRuleOnlyBaseline) {
  std::vector<json::object> all;
  for (const char* part : {"a.jsonl", "b.jsonl"}) {
    auto messages = read_jsonl(fs::path(SIGTRADER_SOURCE_DIR) / "data/corpus" / part);
    all.insert(all.end(), messages.begin(), messages.end());
  }
  const Score s = score(all);
  print("corpus", s);
  // Measured 2026-11-24: labels 99.7 % (the misses are jokes and lessons that name a stop or a
  // target), symbol 100 %, side 100 %, stop 100 %.
  EXPECT_GE(100.0 * s.labels_right / s.messages, 99.6);
  EXPECT_GE(100.0 * s.symbols_right / s.signals, 100.0);
  EXPECT_GE(100.0 * s.sides_right / s.signals, 100.0);
  EXPECT_GE(100.0 * s.stops_right / s.stops_known, 100.0);
}

TEST(ParserOnRealPosts, ReportsTheFigures) {
  const fs::path file = SIGTRADER_SOURCE_DIR "/../shared/data/messages/harrison-futures.jsonl";
  if (!fs::exists(file)) GTEST_SKIP() << file << " is absent";
  const Score s = score(read_jsonl(file));
  print("harrison-futures", s);
  // Measured 2026-11-24 (never tuned on this channel): labels 97.1 %, symbol, side 100 %, stop
  // 100 %.
  EXPECT_GE(100.0 * s.labels_right / s.messages, 97.1);
  EXPECT_GE(100.0 * s.symbols_right / s.signals, 100.0);
  EXPECT_GE(100.0 * s.sides_right / s.signals, 100.0);
  EXPECT_GE(100.0 * s.stops_right / s.stops_known, 100.0);
}

}  // namespace
}  // namespace sigtrader::signals
