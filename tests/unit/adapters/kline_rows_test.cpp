#include "adapters/binance/kline_rows.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sigtrader::adapters::binance {
namespace {

using ::testing::HasSubstr;

// The example row of Binance's klines documentation: a weekly kline (close - open = 7 d - 1 ms).
constexpr const char* kDocumentedReply = R"([
  [1499040000000, "0.01634790", "0.80000000", "0.01575800", "0.01577100", "148976.11427815",
   1499644799999, "2434.19055334", 308, "1756.87402397", "28.46694368", "0"]
])";

core::Error parse_error(std::string_view body) {
  auto rows = parse_klines_reply(body, core::Duration::hours(1));
  EXPECT_FALSE(rows.ok()) << body;
  return rows.ok() ? core::Error(core::ErrorCode::kInternal, "parsed") : rows.error();
}

TEST(ParseKlinesReply, TurnsTheDocumentedRowIntoTheBinancePublicDataCsvLine) {
  const auto rows = parse_klines_reply(kDocumentedReply, core::Duration::days(7));
  ASSERT_TRUE(rows.ok()) << rows.error().message();
  ASSERT_EQ(rows->size(), 1U);
  EXPECT_EQ(rows->at(0).open_time, core::Timestamp::from_ms(1499040000000));
  EXPECT_EQ(rows->at(0).csv_line,
            "1499040000000,0.01634790,0.80000000,0.01575800,0.01577100,148976.11427815,"
            "1499644799999,2434.19055334,308,1756.87402397,28.46694368,0");
}

TEST(ParseKlinesReply, AcceptsAnEmptyPage) {
  const auto rows = parse_klines_reply("[]", core::Duration::hours(1));
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

TEST(ParseKlinesReply, RefusesTextThatIsNotAJsonArrayOfKlines) {
  EXPECT_THAT(parse_error(R"([[1704067200000,"1")").message(), HasSubstr("not JSON"));
  EXPECT_THAT(parse_error(R"({"code":-1121,"msg":"Invalid symbol."})").message(),
              HasSubstr("expected a JSON array"));
  EXPECT_THAT(parse_error(R"([[1704067200000,"1","2","0.5","1.5","10",1704070799999]])").message(),
              HasSubstr("row 1 is not an array of 12 fields"));
}

TEST(ParseKlinesReply, NamesTheRowAndFieldOfAWrongValue) {
  // Row 2's close is a JSON number, not the decimal string Binance sends.
  const char* reply = R"([
    [1704067200000,"1","2","0.5","1.5","10",1704070799999,"15",7,"1","1","0"],
    [1704070800000,"1","2","0.5",1.5,"10",1704074399999,"15",7,"1","1","0"]])";
  EXPECT_THAT(parse_error(reply).message(),
              HasSubstr("row 2 field 5 (close): expected a decimal string"));
  const char* bad_number = R"([
    [1704067200000,"1","2","0.5","abc","10",1704070799999,"15",7,"1","1","0"]])";
  EXPECT_THAT(parse_error(bad_number).message(), HasSubstr("row 1 field 5 (close)"));
  const char* negative_trades = R"([
    [1704067200000,"1","2","0.5","1.5","10",1704070799999,"15",-7,"1","1","0"]])";
  EXPECT_THAT(parse_error(negative_trades).message(), HasSubstr("field 9 (trades)"));
}

TEST(ParseKlinesReply, RefusesACloseTimeThatDoesNotMatchTheInterval) {
  // A 1m kline where a 1h one was asked for.
  const char* reply = R"([
    [1704067200000,"1","2","0.5","1.5","10",1704067259999,"15",7,"1","1","0"]])";
  EXPECT_THAT(parse_error(reply).message(), HasSubstr("field 7 (close time)"));
}

TEST(ParseKlinesReply, RefusesOpenTimesThatDoNotIncrease) {
  const char* reply = R"([
    [1704070800000,"1","2","0.5","1.5","10",1704074399999,"15",7,"1","1","0"],
    [1704067200000,"1","2","0.5","1.5","10",1704070799999,"15",7,"1","1","0"]])";
  EXPECT_THAT(parse_error(reply).message(), HasSubstr("not strictly increasing"));
}

}  // namespace
}  // namespace sigtrader::adapters::binance
