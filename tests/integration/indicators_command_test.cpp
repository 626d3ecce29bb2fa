// Runs `sigtrader indicators` as a process on a small candle file with hand-computed answers.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"

namespace sigtrader {
namespace {

using ::testing::HasSubstr;

namespace fs = std::filesystem;

class IndicatorsCommand : public integration::SigtraderProcessTest {
 protected:
  void SetUp() override {
    SigtraderProcessTest::SetUp();
    // Closes 1, 2, 3, 4, 5 on 1h candles.
    write_file("candles.csv",
               "timestamp,open,high,low,close,volume\n"
               "2024-01-01T00:00:00Z,1,1,1,1,10\n"
               "2024-01-01T01:00:00Z,2,2,2,2,10\n"
               "2024-01-01T02:00:00Z,3,3,3,3,10\n"
               "2024-01-01T03:00:00Z,4,4,4,4,10\n"
               "2024-01-01T04:00:00Z,5,5,5,5,10\n");
  }
};

TEST_F(IndicatorsCommand, WritesOneColumnPerOutputEmptyDuringTheLookback) {
  const auto result =
      run({"indicators", "--data", "candles.csv", "--spec", "sma:3", "--spec", "ema:3"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // SMA(3) of 1..5: -, -, 2, 3, 4. EMA(3) seeded by SMA(1,2,3) = 2, alpha 0.5: 2, 3, 4.
  EXPECT_EQ(result.out,
            "timestamp,sma_3,ema_3\n"
            "2024-01-01T00:00:00Z,,\n"
            "2024-01-01T01:00:00Z,,\n"
            "2024-01-01T02:00:00Z,2,2\n"
            "2024-01-01T03:00:00Z,3,3\n"
            "2024-01-01T04:00:00Z,4,4\n");
}

TEST_F(IndicatorsCommand, WritesJsonWithNullsDuringTheLookback) {
  const auto result = run({"indicators", "--data", "candles.csv", "--spec", "sma:2", "--format",
                           "json", "--output", "out.json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::ifstream in(dir_ / "out.json");
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = boost::json::parse(text.str()).as_object();
  const auto& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_TRUE(rows[0].as_object().at("sma_2").is_null());
  EXPECT_DOUBLE_EQ(rows[1].as_object().at("sma_2").as_double(), 1.5);
  EXPECT_DOUBLE_EQ(rows[4].as_object().at("sma_2").as_double(), 4.5);
  EXPECT_FALSE(fs::exists(dir_ / "out.json.partial"));
}

TEST_F(IndicatorsCommand, RefusesAnUnknownSpecAsABadUsage) {
  const auto result = run({"indicators", "--data", "candles.csv", "--spec", "rsx:14"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("rsx:14"));
  EXPECT_TRUE(result.out.empty());
}

TEST_F(IndicatorsCommand, FailsOnAMissingFileWithoutWritingOutput) {
  const auto result =
      run({"indicators", "--data", "nope.csv", "--spec", "rsi:14", "--output", "out.csv"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("nope.csv"));
  EXPECT_FALSE(fs::exists(dir_ / "out.csv"));
}

}  // namespace
}  // namespace sigtrader
