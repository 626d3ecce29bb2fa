// Runs `sigtrader data inspect` as a process on small candle files.
#include <filesystem>
#include <fstream>
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

class DataInspect : public integration::SigtraderProcessTest {};

// Six Binance rows at 2024-01-01 00:00..00:02 and 00:05..00:06 (00:03 and 00:04 missing), the
// fourth line unreadable.
const std::string kGappyBinance =
    "1704067200000,1,2,0.5,1.5,10,1704067259999,15,7,1,1,0\n"
    "1704067260000,1,2,0.5,1.5,10,1704067319999,15,7,1,1,0\n"
    "1704067320000,1,2,0.5,1.5,10,1704067379999,15,7,1,1,0\n"
    "1704067380000,1,2,0.5,oops,10,1704067439999,15,7,1,1,0\n"
    "1704067500000,1,2,0.5,1.5,10,1704067559999,15,7,1,1,0\n"
    "1704067560000,1,2,0.5,1.5,10,1704067619999,15,7,1,1,0\n";

TEST_F(DataInspect, ReportsAGapAndABadRowAndStillSucceeds) {
  const std::string file = write_file("BTCUSDT-1m-2024-01-01.csv", kGappyBinance);
  const auto result = run({"data", "inspect", file});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("symbol:        BTCUSDT"));
  EXPECT_THAT(result.out, HasSubstr("timeframe:     1m"));
  EXPECT_THAT(result.out, HasSubstr("first open:    2024-01-01T00:00:00Z"));
  EXPECT_THAT(result.out, HasSubstr("last open:     2024-01-01T00:06:00Z"));
  EXPECT_THAT(result.out, HasSubstr("candles:       5"));
  EXPECT_THAT(result.out, HasSubstr("gaps:          1 (2 missing candles)"));
  EXPECT_THAT(result.out, HasSubstr("bad rows:      1 (skipped)"));
  EXPECT_THAT(result.out, HasSubstr("line 4: close:"));
}

TEST_F(DataInspect, JsonOutputCarriesTheSameReport) {
  const std::string file = write_file("k.csv", kGappyBinance);
  const auto result = run({"data", "inspect", file, "--json"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const boost::json::object report = boost::json::parse(result.out).as_object();
  EXPECT_EQ(report.at("candles").as_int64(), 5);
  EXPECT_EQ(report.at("timeframe").as_string(), "1m");
  EXPECT_EQ(report.at("gap_count").as_int64(), 1);
  EXPECT_EQ(report.at("missing_candles").as_int64(), 2);
  EXPECT_EQ(report.at("gaps").as_array().at(0).as_object().at("line").as_int64(), 5);
  EXPECT_EQ(report.at("bad_row_count").as_int64(), 1);
  EXPECT_EQ(report.at("bad_rows").as_array().at(0).as_object().at("line").as_int64(), 4);
  EXPECT_TRUE(report.at("symbol").is_null());
}

TEST_F(DataInspect, HasHelp) {
  const auto result = run({"data", "inspect", "--help"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("Usage: sigtrader data inspect"));
}

TEST_F(DataInspect, WithoutAFileIsBadUsage) {
  EXPECT_EQ(run({"data", "inspect"}).exit_code, 2);
}

TEST_F(DataInspect, AMissingFileFailsWithExitOneNamingIt) {
  const auto result = run({"data", "inspect", (dir_ / "absent.csv").string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("absent.csv: no such file"));
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(DataInspect, AFileWithoutValidRowsFailsWithExitOne) {
  const std::string file =
      write_file("k.csv", "timestamp,open,high,low,close,volume\nx,1,1,1,1,1\n");
  const auto result = run({"data", "inspect", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("k.csv:2:"));
}

}  // namespace
}  // namespace sigtrader
