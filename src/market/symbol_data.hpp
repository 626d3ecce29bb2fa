#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/instrument.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "market/candle_series.hpp"

// Finding the candle files of a symbol in a data folder, from their names, and joining them into
// one series. The names recognised (the symbol part matched case-insensitively and whole, so that
// BTCUSDT never matches 1000BTCUSDT or BTCUSDTX):
//   BTCUSDT-1m-2024-01-01.csv, BTCUSDT-1m-2024-01.csv  Binance public data, daily and monthly
//   BTCUSDT-1h.csv, BTC_USDT-1h.csv                    any CSV load_candles() reads
//   BTC_USDT-1m.json                                   freqtrade, spot
//   BTC_USDT_USDT-1h-futures.json                      freqtrade, futures (BASE_QUOTE_SETTLE)
// Anything else is ignored, in particular freqtrade's -mark, -index, -premiumIndex and
// -funding_rate files and Binance's markPriceKlines, indexPriceKlines and premiumIndexKlines
// folders, which are not candles of trades. Files we cannot read (.zip, freqtrade's .feather and
// .parquet) are indexed only to say so when a symbol has nothing else.
//
// Spot or futures: a file is futures when its name ends in -futures, names a settle currency
// (BTC_USDT_USDT) or sits below a folder named "futures" (Binance's data/futures/um/...,
// freqtrade's data/binance/futures/); otherwise spot. When a symbol has both at the chosen
// timeframe, only the spot files are used, as BASE/QUOTE names a spot market; the futures files
// stand in when no spot file has the timeframe. Either way one market's candles, never a mix of the
// two.
namespace sigtrader::market {

// One candle file found for a symbol.
struct SymbolFile {
  std::filesystem::path path;
  core::Duration timeframe;  // what the file name says
  core::InstrumentKind kind = core::InstrumentKind::kSpot;
};

// An index of the candle files under a folder, built once from the file names (nothing is read)
// and asked many times. The folder is searched up to kMaxDepth folders deep, which holds a mirror
// of data.binance.vision (data/futures/um/daily/klines/BTCUSDT/1m/ is 7 deep from its parent);
// symlinked folders are not entered, so a loop or a link to / cannot run the search away, while
// symlinked files are indexed like files.
class SymbolDataIndex {
 public:
  static constexpr int kMaxDepth = 8;

  // kNotFound naming the folder when it does not exist or is not a directory; kIo when it cannot
  // be listed.
  static core::Result<SymbolDataIndex> scan(const std::filesystem::path& dir);

  const std::filesystem::path& dir() const { return dir_; }

  // The files holding `symbol`'s candles at `timeframe`, or, without one, at the smallest
  // timeframe any of its files has; spot files when there are both spot and futures ones. Sorted
  // by file name, which for Binance's files is by date. Empty when none.
  std::vector<SymbolFile> files_for(const core::Symbol& symbol,
                                    std::optional<core::Duration> timeframe = std::nullopt) const;

  // The timeframes `symbol` has readable files at, smallest first.
  std::vector<core::Duration> timeframes_for(const core::Symbol& symbol) const;

  // Every symbol with at least one readable file, sorted, for messages: "BTC/USDT" when a file
  // name separates base and quote (freqtrade's BTC_USDT), the name as written ("ETHUSDT") when
  // none does, since a joined name alone does not say where the quote starts.
  std::vector<std::string> symbol_names() const;

  // Why files_for(symbol, timeframe) is empty, as a kNotFound error: the names looked for, the
  // timeframes the symbol does have, compressed files to unpack first, and the symbols the folder
  // has.
  core::Error missing(const core::Symbol& symbol,
                      std::optional<core::Duration> timeframe = std::nullopt) const;

 private:
  struct Entry {
    std::filesystem::path path;
    std::string file_name;    // for sorting: by name, then by path
    std::string symbol_part;  // the part before the first '-', upper-cased
    core::Duration timeframe;
    core::InstrumentKind kind = core::InstrumentKind::kSpot;
    bool readable = true;  // false for .zip, .feather and .parquet
  };

  explicit SymbolDataIndex(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::vector<const Entry*> entries_of(const core::Symbol& symbol) const;

  std::filesystem::path dir_;
  std::vector<Entry> entries_;  // sorted by file name, then path
};

// Loads index.files_for(symbol, timeframe) with load_candles() and joins them in time order into
// one series whose source names the symbol and the folder. The files are read in name order: a
// candle whose open time an earlier file already had is dropped and counted as a duplicate, so the
// first file's candle is kept, and one opening before an earlier file's last candle counts as out
// of order; gaps are counted over the joined candles, between files as inside them. The
// report adds up what each file's own report counted; its examples are the gaps (line 0: they lie
// in no one file) and the bad rows, whose reasons name their file. kNotFound from
// SymbolDataIndex::missing() when there are no files; a file that cannot be loaded fails the whole
// load with its error, which names the file.
core::Result<CandleSeries> load_symbol_candles(
    const SymbolDataIndex& index, const core::Symbol& symbol,
    std::optional<core::Duration> timeframe = std::nullopt);

}  // namespace sigtrader::market
