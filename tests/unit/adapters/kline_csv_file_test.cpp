#include "adapters/binance/kline_csv_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "temp_dir.hpp"

namespace sigtrader::adapters::binance {
namespace {

using ::testing::HasSubstr;

const std::string kRow1 = "1704067200000,1,2,0.5,1.5,10,1704070799999,15,7,1,1,0\n";
const std::string kRow2 = "1704070800000,1,2,0.5,1.5,10,1704074399999,15,7,1,1,0\n";

class KlineCsvFile : public TempDirTest {};

TEST_F(KlineCsvFile, AMissingFileHasNoRows) {
  const auto state = prepare_kline_file(dir_ / "none.csv");
  ASSERT_TRUE(state.ok()) << state.error().message();
  EXPECT_FALSE(state->last_open_time.has_value());
  EXPECT_FALSE(std::filesystem::exists(dir_ / "none.csv"));
}

TEST_F(KlineCsvFile, FindsTheOpenTimeOfTheLastRow) {
  const auto state = prepare_kline_file(write("k.csv", kRow1 + kRow2));
  ASSERT_TRUE(state.ok()) << state.error().message();
  EXPECT_EQ(state->last_open_time,
            core::Timestamp::try_parse_iso8601("2024-01-01T01:00:00Z").value());
  EXPECT_FALSE(state->cut_partial_line);
}

TEST_F(KlineCsvFile, CutsAHalfWrittenLastLine) {
  const auto path = write("k.csv", kRow1 + kRow2 + "1704074400000,1,2,0.");
  const auto state = prepare_kline_file(path);
  ASSERT_TRUE(state.ok()) << state.error().message();
  EXPECT_TRUE(state->cut_partial_line);
  EXPECT_EQ(state->last_open_time, core::Timestamp::from_ms(1704070800000));
  EXPECT_EQ(read(path), kRow1 + kRow2);
}

TEST_F(KlineCsvFile, ReadsMicrosecondOpenTimesAsBinanceSpotFilesSince2025HaveThem) {
  const auto state = prepare_kline_file(
      write("k.csv", "1735689600000000,1,2,0.5,1.5,10,1735693199999999,15,7,1,1,0\n"));
  ASSERT_TRUE(state.ok()) << state.error().message();
  EXPECT_EQ(state->last_open_time,
            core::Timestamp::try_parse_iso8601("2025-01-01T00:00:00Z").value());
}

TEST_F(KlineCsvFile, AHeaderAloneMeansNoRows) {
  const auto state = prepare_kline_file(write("k.csv", "open_time,open,high,low,close,volume\n"));
  ASSERT_TRUE(state.ok()) << state.error().message();
  EXPECT_FALSE(state->last_open_time.has_value());
}

TEST_F(KlineCsvFile, RefusesToAppendToAFileOfSomethingElse) {
  const auto path = write("notes.csv", kRow1 + "these are my notes\n");
  const auto state = prepare_kline_file(path);
  ASSERT_FALSE(state.ok());
  EXPECT_THAT(state.error().message(), HasSubstr("not a Binance kline file"));
  EXPECT_EQ(read(path), kRow1 + "these are my notes\n");
}

TEST_F(KlineCsvFile, AppendsWholePagesOfRows) {
  const auto path = dir_ / "k.csv";
  auto appender = KlineCsvAppender::open(path);
  ASSERT_TRUE(appender.ok()) << appender.error().message();
  ASSERT_TRUE(
      appender
          ->append({{core::Timestamp::from_ms(1704067200000), kRow1.substr(0, kRow1.size() - 1)}})
          .ok());
  ASSERT_TRUE(
      appender
          ->append({{core::Timestamp::from_ms(1704070800000), kRow2.substr(0, kRow2.size() - 1)}})
          .ok());
  EXPECT_EQ(read(path), kRow1 + kRow2);
}

}  // namespace
}  // namespace sigtrader::adapters::binance
