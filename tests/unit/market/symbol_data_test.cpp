#include "market/symbol_data.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sigtrader::market {
namespace {

namespace fs = std::filesystem;
using core::Duration;
using core::InstrumentKind;
using core::Price;
using core::Symbol;
using core::Timestamp;

const Symbol kBtc{"BTC", "USDT"};

// Open times used below, worked out by hand: 2024-01-01T00:00:00Z is 1704067200 s.
//   2024-01-01T00:00Z 1704067200000   00:01 1704067260000   00:02 1704067320000
//   2024-01-01T00:03Z 1704067380000   00:05 1704067500000   00:06 1704067560000
//   2024-01-01T01:00Z 1704070800000
//   2024-01-01T23:58Z 1704153480000   23:59 1704153540000
//   2024-01-02T00:00Z 1704153600000   00:01 1704153660000   00:02 1704153720000

// Binance kline rows: open time, open, high, low, close, volume, close time, quote volume, trades,
// taker buy base, taker buy quote, ignore.
const std::string kJan1At0000 = "1704067200000,1,2,0.5,1.5,10,1704067259999,15,7,1,1,0\n";
const std::string kJan1At0001 = "1704067260000,1,2,0.5,1.5,10,1704067319999,15,7,1,1,0\n";
const std::string kJan1At0002 = "1704067320000,1,2,0.5,1.5,10,1704067379999,15,7,1,1,0\n";

// Writes `text` to `relative` under the temporary folder, making the folders on the way.
fs::path write(const testing::TempDir& dir, const std::string& relative, const std::string& text) {
  fs::create_directories((dir.path() / relative).parent_path());
  return dir.write(relative, text);
}

SymbolDataIndex scan(const testing::TempDir& dir) {
  auto index = SymbolDataIndex::scan(dir.path());
  EXPECT_TRUE(index.ok()) << index.error().message();
  return std::move(index).value();
}

std::vector<std::string> file_names(const std::vector<SymbolFile>& files) {
  std::vector<std::string> names;
  for (const SymbolFile& file : files)
    names.push_back(file.path.filename().string());
  return names;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SymbolData, JoinsTwoBinanceDailyFilesInTimeOrder) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1m-2024-01-02.csv",
        "1704153600000,1,2,0.5,1.5,10,1704153659999,15,7,1,1,0\n"
        "1704153660000,1,2,0.5,1.5,10,1704153719999,15,7,1,1,0\n"
        "1704153720000,1,2,0.5,1.5,10,1704153779999,15,7,1,1,0\n");
  write(dir, "BTCUSDT-1m-2024-01-01.csv",
        "1704153480000,1,2,0.5,1.5,10,1704153539999,15,7,1,1,0\n"
        "1704153540000,1,2,0.5,1.5,10,1704153599999,15,7,1,1,0\n");
  const SymbolDataIndex index = scan(dir);

  const std::vector<SymbolFile> files = index.files_for(kBtc);
  EXPECT_EQ(file_names(files),
            (std::vector<std::string>{"BTCUSDT-1m-2024-01-01.csv", "BTCUSDT-1m-2024-01-02.csv"}));
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].timeframe, Duration::minutes(1));
  EXPECT_EQ(files[0].kind, InstrumentKind::kSpot);

  auto series = load_symbol_candles(index, kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 5u);
  EXPECT_EQ(series->candles.front().open_time, Timestamp::from_ms(1704153480000));
  EXPECT_EQ(series->candles.back().open_time, Timestamp::from_ms(1704153720000));
  EXPECT_EQ(series->timeframe, Duration::minutes(1));
  EXPECT_TRUE(series->report.clean());
  EXPECT_EQ(series->symbol, "BTC/USDT");
  EXPECT_TRUE(contains(series->source, "BTC/USDT")) << series->source;
  EXPECT_TRUE(contains(series->source, dir.path().string())) << series->source;
}

TEST(SymbolData, CountsAnOverlapAsDuplicatesAndKeepsTheFirstFilesCandles) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000 + kJan1At0001 + kJan1At0002);
  // Opens at 00:01, 00:02 (both already in the first file) and 00:03, closing at 1.2.
  write(dir, "BTCUSDT-1m-2024-01-02.csv",
        "1704067260000,1,2,0.5,1.2,10,1704067319999,15,7,1,1,0\n"
        "1704067320000,1,2,0.5,1.2,10,1704067379999,15,7,1,1,0\n"
        "1704067380000,1,2,0.5,1.2,10,1704067439999,15,7,1,1,0\n");

  auto series = load_symbol_candles(scan(dir), kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 4u);
  EXPECT_EQ(series->report.duplicate_count, 2);
  EXPECT_EQ(series->report.out_of_order_count, 0);
  EXPECT_EQ(series->report.gap_count, 0);
  EXPECT_EQ(series->candles[1].open_time, Timestamp::from_ms(1704067260000));
  EXPECT_EQ(series->candles[1].close, Price::parse("1.5"));
  EXPECT_EQ(series->candles[2].close, Price::parse("1.5"));
  EXPECT_EQ(series->candles[3].open_time, Timestamp::from_ms(1704067380000));
  EXPECT_EQ(series->candles[3].close, Price::parse("1.2"));
}

TEST(SymbolData, ReportsAGapBetweenFilesLikeAGapInsideOne) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000 + kJan1At0001);
  write(dir, "BTCUSDT-1m-2024-01-02.csv",
        "1704067500000,1,2,0.5,1.5,10,1704067559999,15,7,1,1,0\n"
        "1704067560000,1,2,0.5,1.5,10,1704067619999,15,7,1,1,0\n");

  auto series = load_symbol_candles(scan(dir), kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 4u);
  // 00:02, 00:03 and 00:04 are missing.
  EXPECT_EQ(series->report.gap_count, 1);
  EXPECT_EQ(series->report.missing_candles, 3);
  ASSERT_EQ(series->report.gaps.size(), 1u);
  EXPECT_EQ(series->report.gaps[0].after, Timestamp::from_ms(1704067260000));
  EXPECT_EQ(series->report.gaps[0].before, Timestamp::from_ms(1704067500000));
  EXPECT_EQ(series->report.gaps[0].missing, 3);
}

TEST(SymbolData, AddsUpTheFilesReportsAndNamesTheFileOfABadRow) {
  testing::TempDir dir;
  // Line 2: low 3 above the high.
  write(dir, "BTCUSDT-1m-2024-01-01.csv",
        kJan1At0000 + "1704067260000,1,2,3,1.5,10,1704067319999,15,7,1,1,0\n");
  // Line 2 repeats line 1's open time; line 3 opens at 00:03.
  write(dir, "BTCUSDT-1m-2024-01-02.csv",
        kJan1At0002 + kJan1At0002 + "1704067380000,1,2,0.5,1.5,10,1704067439999,15,7,1,1,0\n");

  auto series = load_symbol_candles(scan(dir), kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 3u);  // 00:00, 00:02 and 00:03
  EXPECT_EQ(series->report.bad_row_count, 1);
  ASSERT_EQ(series->report.bad_rows.size(), 1u);
  EXPECT_EQ(series->report.bad_rows[0].line, 2);
  EXPECT_TRUE(contains(series->report.bad_rows[0].reason, "BTCUSDT-1m-2024-01-01.csv"))
      << series->report.bad_rows[0].reason;
  EXPECT_EQ(series->report.duplicate_count, 1);
  EXPECT_EQ(series->report.location, "line");
  // 00:01 was the bad row: a gap of one candle.
  EXPECT_EQ(series->report.gap_count, 1);
  EXPECT_EQ(series->report.missing_candles, 1);
}

TEST(SymbolData, ChoosesTheSmallestTimeframeWhenNoneIsGiven) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1h-2024-01-01.csv",
        "1704067200000,1,2,0.5,1.5,10,1704070799999,15,7,1,1,0\n"
        "1704070800000,1,2,0.5,1.5,10,1704074399999,15,7,1,1,0\n");
  write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000 + kJan1At0001 + kJan1At0002);
  const SymbolDataIndex index = scan(dir);

  EXPECT_EQ(index.timeframes_for(kBtc),
            (std::vector<Duration>{Duration::minutes(1), Duration::hours(1)}));
  EXPECT_EQ(file_names(index.files_for(kBtc)),
            (std::vector<std::string>{"BTCUSDT-1m-2024-01-01.csv"}));
  auto series = load_symbol_candles(index, kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  EXPECT_EQ(series->candles.size(), 3u);
  EXPECT_EQ(series->timeframe, Duration::minutes(1));
}

TEST(SymbolData, LoadsTheTimeframeAskedForAndSaysWhichOnesExistWhenItIsMissing) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1h-2024-01-01.csv",
        "1704067200000,1,2,0.5,1.5,10,1704070799999,15,7,1,1,0\n"
        "1704070800000,1,2,0.5,1.5,10,1704074399999,15,7,1,1,0\n");
  write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000 + kJan1At0001 + kJan1At0002);
  const SymbolDataIndex index = scan(dir);

  EXPECT_EQ(file_names(index.files_for(kBtc, Duration::hours(1))),
            (std::vector<std::string>{"BTCUSDT-1h-2024-01-01.csv"}));
  auto hourly = load_symbol_candles(index, kBtc, Duration::hours(1));
  ASSERT_TRUE(hourly.ok()) << hourly.error().message();
  EXPECT_EQ(hourly->candles.size(), 2u);
  EXPECT_EQ(hourly->timeframe, Duration::hours(1));

  EXPECT_TRUE(index.files_for(kBtc, Duration::minutes(5)).empty());
  auto five = load_symbol_candles(index, kBtc, Duration::minutes(5));
  ASSERT_FALSE(five.ok());
  EXPECT_EQ(five.error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(contains(five.error().message(), "no 5m candle files for BTC/USDT"))
      << five.error().message();
  EXPECT_TRUE(contains(five.error().message(), "BTC/USDT has 1m, 1h candle files"))
      << five.error().message();
}

TEST(SymbolData, FindsFreqtradeSpotAndFuturesFilesAndPrefersSpot) {
  testing::TempDir dir;
  write(dir, "BTC_USDT-1h.json", "[[1704067200000,1,2,0.5,1.5,10],[1704070800000,1,2,0.5,1.5,10]]");
  write(dir, "BTC_USDT_USDT-1h-futures.json",
        "[[1704067200000,1,2,0.5,1.4,10],[1704070800000,1,2,0.5,1.4,10]]");
  write(dir, "ETH_USDT_USDT-1h-futures.json", "[[1704067200000,1,2,0.5,1.4,10]]");
  const SymbolDataIndex index = scan(dir);

  const std::vector<SymbolFile> btc = index.files_for(kBtc);
  EXPECT_EQ(file_names(btc), (std::vector<std::string>{"BTC_USDT-1h.json"}));
  ASSERT_EQ(btc.size(), 1u);
  EXPECT_EQ(btc[0].kind, InstrumentKind::kSpot);
  EXPECT_EQ(btc[0].timeframe, Duration::hours(1));
  auto series = load_symbol_candles(index, kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 2u);
  EXPECT_EQ(series->candles[0].close, Price::parse("1.5"));
  EXPECT_EQ(series->report.location, "row");

  const std::vector<SymbolFile> eth = index.files_for(Symbol{"ETH", "USDT"});
  EXPECT_EQ(file_names(eth), (std::vector<std::string>{"ETH_USDT_USDT-1h-futures.json"}));
  ASSERT_EQ(eth.size(), 1u);
  EXPECT_EQ(eth[0].kind, InstrumentKind::kPerpetual);
}

TEST(SymbolData, ChoosesTheSmallestTimeframeBeforePreferringSpot) {
  testing::TempDir dir;
  write(dir, "BTC_USDT-1h.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  write(dir, "BTC_USDT_USDT-5m-futures.json", "[[1704067200000,1,2,0.5,1.4,10]]");
  const SymbolDataIndex index = scan(dir);

  EXPECT_EQ(file_names(index.files_for(kBtc)),
            (std::vector<std::string>{"BTC_USDT_USDT-5m-futures.json"}));
  EXPECT_EQ(file_names(index.files_for(kBtc, Duration::hours(1))),
            (std::vector<std::string>{"BTC_USDT-1h.json"}));
}

TEST(SymbolData, IgnoresFreqtradeMarkAndFundingRateFiles) {
  testing::TempDir dir;
  write(dir, "BTC_USDT_USDT-1h-mark.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  write(dir, "BTC_USDT_USDT-8h-funding_rate.json", "[[1704067200000,0.0001,0,0,0,0]]");
  write(dir, "BTC_USDT_USDT-1m-mark.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  write(dir, "BTC_USDT_USDT-1h-futures.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  const SymbolDataIndex index = scan(dir);

  EXPECT_EQ(index.timeframes_for(kBtc), (std::vector<Duration>{Duration::hours(1)}));
  EXPECT_EQ(file_names(index.files_for(kBtc)),
            (std::vector<std::string>{"BTC_USDT_USDT-1h-futures.json"}));
}

TEST(SymbolData, IgnoresZipFilesAndSaysToUnzipThem) {
  testing::TempDir dir;
  for (const char* day : {"01", "02", "03"}) {
    write(dir, std::string("BTCUSDT-1m-2024-01-") + day + ".zip", "PK\x03\x04");
  }
  {
    const SymbolDataIndex index = scan(dir);
    EXPECT_TRUE(index.files_for(kBtc).empty());
    EXPECT_TRUE(index.symbol_names().empty());
    auto series = load_symbol_candles(index, kBtc);
    ASSERT_FALSE(series.ok());
    EXPECT_EQ(series.error().code(), core::ErrorCode::kNotFound);
    EXPECT_TRUE(contains(series.error().message(), "found 3 .zip files of BTC/USDT: unzip them"))
        << series.error().message();
  }
  write(dir, "BTCUSDT-1m-2024-01-04.csv", kJan1At0000);
  EXPECT_EQ(file_names(scan(dir).files_for(kBtc)),
            (std::vector<std::string>{"BTCUSDT-1m-2024-01-04.csv"}));
}

TEST(SymbolData, NamesTheSymbolsTheFolderHasWhenASymbolHasNoFiles) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "BTC_USDT-1h.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  write(dir, "ETHUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "SOL_USDT_USDT-1h-futures.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  const SymbolDataIndex index = scan(dir);

  // BTCUSDT is BTC/USDT, as BTC_USDT says; ETHUSDT alone does not say where its quote starts.
  EXPECT_EQ(index.symbol_names(), (std::vector<std::string>{"BTC/USDT", "ETHUSDT", "SOL/USDT"}));
  auto series = load_symbol_candles(index, Symbol{"PEPE", "USDT"});
  ASSERT_FALSE(series.ok());
  EXPECT_EQ(series.error().code(), core::ErrorCode::kNotFound);
  const std::string& message = series.error().message();
  EXPECT_TRUE(contains(message, "no candle files for PEPE/USDT in " + dir.path().string()))
      << message;
  EXPECT_TRUE(contains(message, "PEPEUSDT-<tf>-<date>.csv")) << message;
  EXPECT_TRUE(contains(message, "PEPE_USDT-<tf>.json")) << message;
  EXPECT_TRUE(contains(message, "PEPE_USDT_<settle>-<tf>-futures.json")) << message;
  EXPECT_TRUE(contains(message, "the folder has candle files of BTC/USDT, ETHUSDT, SOL/USDT"))
      << message;
}

TEST(SymbolData, MatchesOnlyTheWholeSymbolPartOfAName) {
  testing::TempDir dir;
  write(dir, "1000PEPEUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "PEPEUSDTX-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "XPEPE_USDT-1m.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  write(dir, "PEPE_USDTX-1m.json", "[[1704067200000,1,2,0.5,1.5,10]]");
  const SymbolDataIndex index = scan(dir);

  EXPECT_TRUE(index.files_for(Symbol{"PEPE", "USDT"}).empty());
  EXPECT_EQ(file_names(index.files_for(Symbol{"1000PEPE", "USDT"})),
            (std::vector<std::string>{"1000PEPEUSDT-1m-2024-01-01.csv"}));
}

TEST(SymbolData, MatchesTheSymbolInAnyCase) {
  testing::TempDir dir;
  write(dir, "btcusdt-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "Btc_Usdt-1m.json", "[[1704067260000,1,2,0.5,1.5,10]]");
  const SymbolDataIndex index = scan(dir);

  const std::vector<std::string> expected{"Btc_Usdt-1m.json", "btcusdt-1m-2024-01-01.csv"};
  EXPECT_EQ(file_names(index.files_for(kBtc)), expected);
  EXPECT_EQ(file_names(index.files_for(Symbol{"btc", "usdt"})), expected);
}

TEST(SymbolData, ReadsAPlainCsvNamedAfterTheSymbol) {
  testing::TempDir dir;
  write(dir, "BTC_USDT-1h.csv",
        "timestamp,open,high,low,close,volume\n"
        "2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
        "2024-01-01T01:00:00Z,1,2,0.5,1.5,10\n");
  auto series = load_symbol_candles(scan(dir), kBtc);
  ASSERT_TRUE(series.ok()) << series.error().message();
  ASSERT_EQ(series->candles.size(), 2u);
  EXPECT_EQ(series->candles[1].open_time, Timestamp::from_ms(1704070800000));
  EXPECT_EQ(series->timeframe, Duration::hours(1));
}

TEST(SymbolData, IgnoresNamesOfNoConvention) {
  testing::TempDir dir;
  for (const char* name : {"BTCUSDT.csv", "BTCUSDT-trades.json", "BTCUSDT-1m-backup.csv",
                           "BTCUSDT-1m.txt", "BTCUSDT-1m-2024-01-01.zip.CHECKSUM",
                           "BTCUSDT-1mo-2024-01.csv", "BTC-USDT-1m.csv", "notes.txt"}) {
    write(dir, name, kJan1At0000);
  }
  const SymbolDataIndex index = scan(dir);

  EXPECT_TRUE(index.files_for(kBtc).empty());
  EXPECT_TRUE(index.symbol_names().empty());
  EXPECT_TRUE(contains(index.missing(kBtc).message(), "the folder has no candle files at all"))
      << index.missing(kBtc).message();
}

TEST(SymbolData, SearchesNestedFoldersUpToTheDepthLimit) {
  testing::TempDir dir;
  // data.binance.vision's layout, 6 folders deep.
  write(dir, "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "a/b/c/d/e/f/g/h/BTCUSDT-1m-2024-01-02.csv", kJan1At0001);    // 8 deep
  write(dir, "a/b/c/d/e/f/g/h/i/BTCUSDT-1m-2024-01-03.csv", kJan1At0002);  // 9 deep

  EXPECT_EQ(SymbolDataIndex::kMaxDepth, 8);
  EXPECT_EQ(file_names(scan(dir).files_for(kBtc)),
            (std::vector<std::string>{"BTCUSDT-1m-2024-01-01.csv", "BTCUSDT-1m-2024-01-02.csv"}));
}

TEST(SymbolData, TakesFilesBelowAFuturesFolderAsFuturesAndSkipsMarkPriceFolders) {
  testing::TempDir dir;
  write(dir, "data/spot/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "data/futures/um/daily/klines/ETHUSDT/1m/ETHUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(dir, "data/futures/um/daily/markPriceKlines/ETHUSDT/1m/ETHUSDT-1m-2024-01-02.csv",
        kJan1At0001);
  const SymbolDataIndex index = scan(dir);

  const std::vector<SymbolFile> btc = index.files_for(kBtc);
  ASSERT_EQ(btc.size(), 1u);
  EXPECT_TRUE(contains(btc[0].path.string(), "/spot/")) << btc[0].path;
  EXPECT_EQ(btc[0].kind, InstrumentKind::kSpot);

  const std::vector<SymbolFile> eth = index.files_for(Symbol{"ETH", "USDT"});
  EXPECT_EQ(file_names(eth), (std::vector<std::string>{"ETHUSDT-1m-2024-01-01.csv"}));
  ASSERT_EQ(eth.size(), 1u);
  EXPECT_EQ(eth[0].kind, InstrumentKind::kPerpetual);
}

TEST(SymbolData, DoesNotEnterSymlinkedFolders) {
  testing::TempDir dir;
  testing::TempDir outside;
  write(dir, "sub/BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  write(outside, "ETHUSDT-1m-2024-01-01.csv", kJan1At0000);
  fs::create_directory_symlink(dir.path(), dir.path() / "sub" / "loop");
  fs::create_directory_symlink(outside.path(), dir.path() / "elsewhere");
  const SymbolDataIndex index = scan(dir);

  EXPECT_EQ(index.files_for(kBtc).size(), 1u);
  EXPECT_TRUE(index.files_for(Symbol{"ETH", "USDT"}).empty());
}

TEST(SymbolData, FailsForAMissingFolderNamingIt) {
  testing::TempDir dir;
  auto missing = SymbolDataIndex::scan(dir.path() / "nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(contains(missing.error().message(), (dir.path() / "nope").string()))
      << missing.error().message();

  const fs::path file = write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  auto not_a_folder = SymbolDataIndex::scan(file);
  ASSERT_FALSE(not_a_folder.ok());
  EXPECT_EQ(not_a_folder.error().code(), core::ErrorCode::kNotFound);
  EXPECT_TRUE(contains(not_a_folder.error().message(), "not a folder"))
      << not_a_folder.error().message();
}

TEST(SymbolData, FailsNamingAFileThatCannotBeLoaded) {
  testing::TempDir dir;
  write(dir, "BTCUSDT-1m-2024-01-01.csv", kJan1At0000);
  const fs::path broken = write(dir, "BTCUSDT-1m-2024-01-02.csv", "hello,world\n");

  auto series = load_symbol_candles(scan(dir), kBtc);
  ASSERT_FALSE(series.ok());
  EXPECT_TRUE(contains(series.error().message(), broken.string())) << series.error().message();
}

}  // namespace
}  // namespace sigtrader::market
