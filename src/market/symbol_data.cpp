#include "market/symbol_data.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>
#include <system_error>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "market/candle_loader.hpp"
#include "market/data_file.hpp"
#include "market/timeframe.hpp"

namespace sigtrader::market {

namespace {

namespace fs = std::filesystem;

// Symbols listed in a not-found message before "...".
constexpr std::size_t kMaxListedSymbols = 20;

// Binance's folders of mark, index and premium prices, whose files are named like kline files.
constexpr std::array<std::string_view, 3> kNonTradeFolders{"markpriceklines", "indexpriceklines",
                                                           "premiumindexklines"};

std::string ascii_uppercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "2024-01-01" or "2024-01": the date of a Binance daily or monthly file.
bool is_date(std::string_view text) {
  if (text.size() != 7 && text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((i == 4 || i == 7) ? text[i] != '-' : !is_digit(text[i])) return false;
  }
  return true;
}

// The pieces of an upper-cased symbol part split on '_': one (BTCUSDT), two (BTC_USDT) or three
// (BTC_USDT_USDT) runs of letters and digits; empty for anything else.
std::vector<std::string_view> symbol_pieces(std::string_view part) {
  std::vector<std::string_view> pieces;
  while (true) {
    const std::size_t underscore = part.find('_');
    const std::string_view piece = part.substr(0, underscore);
    const bool alphanumeric = std::all_of(
        piece.begin(), piece.end(), [](char c) { return is_digit(c) || (c >= 'A' && c <= 'Z'); });
    if (piece.empty() || !alphanumeric || pieces.size() == 3) return {};
    pieces.push_back(piece);
    if (underscore == std::string_view::npos) return pieces;
    part.remove_prefix(underscore + 1);
  }
}

// Whether an upper-cased symbol part names `symbol`, whole: BTCUSDT, BTC_USDT or BTC_USDT_<settle>.
bool names_symbol(std::string_view part, const core::Symbol& symbol) {
  const std::string base = ascii_uppercase(symbol.base);
  const std::string quote = ascii_uppercase(symbol.quote);
  const std::vector<std::string_view> pieces = symbol_pieces(part);
  if (pieces.size() == 1) return pieces[0] == base + quote;
  return pieces.size() >= 2 && pieces[0] == base && pieces[1] == quote;
}

// What a file name says, when it is a candle file of a recognised convention.
struct CandleFileName {
  std::string symbol_part;  // upper-cased
  core::Duration timeframe;
  bool futures = false;
  bool readable = true;
};

std::optional<CandleFileName> read_file_name(const fs::path& path) {
  const std::string extension = ascii_lowercase(path.extension().string());
  // Binance's CSV conventions (its archives unpack to CSV) or freqtrade's.
  const bool csv = extension == ".csv" || extension == ".zip";
  const bool freqtrade = extension == ".json" || extension == ".feather" || extension == ".parquet";
  if (!csv && !freqtrade) return std::nullopt;

  const FileNameHints hints = file_name_hints(path);
  if (!hints.symbol || !hints.timeframe) return std::nullopt;
  CandleFileName name{ascii_uppercase(*hints.symbol), *hints.timeframe};
  const std::vector<std::string_view> pieces = symbol_pieces(name.symbol_part);
  if (pieces.empty()) return std::nullopt;

  // What follows SYMBOL-TIMEFRAME: a date for Binance, a candle type for freqtrade.
  const std::string stem = path.stem().string();
  const std::size_t after_timeframe = stem.find('-', hints.symbol->size() + 1);
  if (after_timeframe != std::string::npos) {
    const std::string_view rest = std::string_view(stem).substr(after_timeframe + 1);
    // freqtrade's other candle types (mark, index, premiumIndex, funding_rate) are not trades.
    const bool accepted = csv ? is_date(rest) : ascii_lowercase(rest) == "futures";
    if (!accepted) return std::nullopt;
    name.futures = !csv;
  }
  name.futures = name.futures || pieces.size() == 3;
  name.readable = extension == ".csv" || extension == ".json";
  return name;
}

bool is_non_trade_folder(const fs::path& folder) {
  const std::string name = ascii_lowercase(folder.filename().string());
  return std::find(kNonTradeFolders.begin(), kNonTradeFolders.end(), name) !=
         kNonTradeFolders.end();
}

// Whether a folder named "futures" lies between `dir` and the file at `path`.
bool below_futures_folder(const fs::path& path, const fs::path& dir) {
  for (const fs::path& folder : path.lexically_relative(dir).parent_path()) {
    if (ascii_lowercase(folder.string()) == "futures") return true;
  }
  return false;
}

std::string join_timeframes(const std::vector<core::Duration>& timeframes) {
  std::string text;
  for (const core::Duration timeframe : timeframes) {
    text += (text.empty() ? "" : ", ") + timeframe_to_string(timeframe);
  }
  return text;
}

// What to do with `count` files of `extension` that we cannot read.
std::string unpack_hint(std::string_view extension, int count) {
  const std::string_view them = count == 1 ? "it" : "them";
  if (extension == ".zip") return fmt::format("unzip {} first", them);
  return fmt::format("convert {} to JSON first (freqtrade convert-data --format-to json)", them);
}

// Adds what one file's report counted to the report of the joined series. Gaps are left out: they
// are counted again over the joined candles, where another file may fill them.
void add_file_report(const DataReport& file, const std::string& file_name, DataReport& joined) {
  joined.duplicate_count += file.duplicate_count;
  joined.out_of_order_count += file.out_of_order_count;
  joined.incomplete_buckets += file.incomplete_buckets;
  joined.bad_row_count += file.bad_row_count;
  for (const BadRow& row : file.bad_rows) {
    if (joined.bad_rows.size() == DataReport::kMaxExamples) break;
    joined.bad_rows.push_back(BadRow{row.line, fmt::format("{} (in {})", row.reason, file_name)});
  }
}

}  // namespace

core::Result<SymbolDataIndex> SymbolDataIndex::scan(const fs::path& dir) {
  std::error_code error;
  const fs::file_status status = fs::status(dir, error);
  if (!fs::exists(status)) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("{}: no such folder (expected a folder of candle files)", dir.string()));
  }
  if (!fs::is_directory(status)) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("{}: not a folder (expected a folder of candle files)", dir.string()));
  }

  SymbolDataIndex index(dir);
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::directory_entry& entry = *it;
    std::error_code ignored;
    if (entry.is_symlink(ignored) && entry.is_directory(ignored)) continue;  // never entered
    if (entry.is_directory(ignored)) {
      if (it.depth() + 1 > kMaxDepth || is_non_trade_folder(entry.path())) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (!entry.is_regular_file(ignored)) continue;
    std::optional<CandleFileName> name = read_file_name(entry.path());
    if (!name) continue;
    index.entries_.push_back(Entry{entry.path(), entry.path().filename().string(),
                                   std::move(name->symbol_part), name->timeframe,
                                   name->futures || below_futures_folder(entry.path(), dir)
                                       ? core::InstrumentKind::kPerpetual
                                       : core::InstrumentKind::kSpot,
                                   name->readable});
  }
  if (error) {
    return core::Error(core::ErrorCode::kIo, fmt::format("{}: cannot list the folder: {}",
                                                         dir.string(), error.message()));
  }
  std::sort(index.entries_.begin(), index.entries_.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.file_name, a.path) < std::tie(b.file_name, b.path);
  });
  return index;
}

std::vector<const SymbolDataIndex::Entry*> SymbolDataIndex::entries_of(
    const core::Symbol& symbol) const {
  std::vector<const Entry*> found;
  for (const Entry& entry : entries_) {
    if (names_symbol(entry.symbol_part, symbol)) found.push_back(&entry);
  }
  return found;
}

std::vector<core::Duration> SymbolDataIndex::timeframes_for(const core::Symbol& symbol) const {
  std::set<core::Duration> timeframes;
  for (const Entry* entry : entries_of(symbol)) {
    if (entry->readable) timeframes.insert(entry->timeframe);
  }
  return {timeframes.begin(), timeframes.end()};
}

std::vector<SymbolFile> SymbolDataIndex::files_for(const core::Symbol& symbol,
                                                   std::optional<core::Duration> timeframe) const {
  if (!timeframe) {
    const std::vector<core::Duration> timeframes = timeframes_for(symbol);
    if (timeframes.empty()) return {};
    timeframe = timeframes.front();
  }
  std::vector<const Entry*> candidates;
  bool has_spot = false;
  for (const Entry* entry : entries_of(symbol)) {
    if (!entry->readable || entry->timeframe != *timeframe) continue;
    candidates.push_back(entry);
    has_spot = has_spot || entry->kind == core::InstrumentKind::kSpot;
  }
  const core::InstrumentKind kind =
      has_spot ? core::InstrumentKind::kSpot : core::InstrumentKind::kPerpetual;
  std::vector<SymbolFile> files;
  for (const Entry* entry : candidates) {
    if (entry->kind == kind) files.push_back(SymbolFile{entry->path, entry->timeframe, kind});
  }
  return files;
}

std::vector<std::string> SymbolDataIndex::symbol_names() const {
  std::set<std::string> names;
  std::set<std::string> joined;    // names as written without a separator
  std::set<std::string> resolved;  // BASEQUOTE of the names that separate them
  for (const Entry& entry : entries_) {
    if (!entry.readable) continue;
    const std::vector<std::string_view> pieces = symbol_pieces(entry.symbol_part);
    if (pieces.size() == 1) {
      joined.insert(entry.symbol_part);
    } else {
      names.insert(fmt::format("{}/{}", pieces[0], pieces[1]));
      resolved.insert(fmt::format("{}{}", pieces[0], pieces[1]));
    }
  }
  // BTCUSDT beside BTC_USDT is the same symbol, already listed as BTC/USDT.
  for (const std::string& name : joined) {
    if (!resolved.contains(name)) names.insert(name);
  }
  return {names.begin(), names.end()};
}

core::Error SymbolDataIndex::missing(const core::Symbol& symbol,
                                     std::optional<core::Duration> timeframe) const {
  const std::string joined = ascii_uppercase(symbol.joined());
  const std::string pair = ascii_uppercase(symbol.base) + "_" + ascii_uppercase(symbol.quote);
  const std::string tf = timeframe ? timeframe_to_string(*timeframe) : "<tf>";
  std::string message = fmt::format(
      "no {}candle files for {} in {} (looked for {}-{}-<date>.csv, {}-{}.csv, {}-{}.csv, "
      "{}-{}.json "
      "and {}_<settle>-{}-futures.json, in any case, up to {} folders deep)",
      timeframe ? tf + " " : "", symbol.to_string(), dir_.string(), joined, tf, joined, tf, pair,
      tf, pair, tf, pair, tf, kMaxDepth);

  const std::vector<core::Duration> timeframes = timeframes_for(symbol);
  if (!timeframes.empty()) {
    message +=
        fmt::format("; {} has {} candle files", symbol.to_string(), join_timeframes(timeframes));
  }

  std::map<std::string, int> unreadable;  // by extension
  for (const Entry* entry : entries_of(symbol)) {
    if (!entry->readable && (!timeframe || entry->timeframe == *timeframe)) {
      ++unreadable[ascii_lowercase(entry->path.extension().string())];
    }
  }
  for (const auto& [extension, count] : unreadable) {
    message +=
        fmt::format("; found {} {} file{} of {}: {}", count, extension, count == 1 ? "" : "s",
                    symbol.to_string(), unpack_hint(extension, count));
  }

  if (timeframes.empty()) {
    const std::vector<std::string> names = symbol_names();
    if (names.empty()) {
      message += "; the folder has no candle files at all";
    } else {
      std::string listed;
      for (std::size_t i = 0; i < names.size() && i < kMaxListedSymbols; ++i) {
        listed += (i == 0 ? "" : ", ") + names[i];
      }
      if (names.size() > kMaxListedSymbols) {
        listed += fmt::format(", ... ({} symbols in all)", names.size());
      }
      message += fmt::format("; the folder has candle files of {}", listed);
    }
  }
  return core::Error(core::ErrorCode::kNotFound, std::move(message));
}

core::Result<CandleSeries> load_symbol_candles(const SymbolDataIndex& index,
                                               const core::Symbol& symbol,
                                               std::optional<core::Duration> timeframe) {
  const std::vector<SymbolFile> files = index.files_for(symbol, timeframe);
  if (files.empty()) return index.missing(symbol, timeframe);

  const core::Duration named_timeframe = files.front().timeframe;
  // The builder sorts, drops the later duplicates of an open time and counts the gaps over all the
  // files at once. Line 0: a candle of the joined series was not read from one line of one file.
  CandleSeriesBuilder builder(fmt::format(
      "{} {} candles in {} ({} file{})", symbol.to_string(), timeframe_to_string(named_timeframe),
      index.dir().string(), files.size(), files.size() == 1 ? "" : "s"));
  DataReport from_files;
  std::string location;
  for (const SymbolFile& file : files) {
    SIGTRADER_TRY(const CandleSeries series, load_candles(file.path));
    if (location.empty()) location = series.report.location;
    for (const Candle& candle : series.candles)
      builder.add(0, candle);
    add_file_report(series.report, file.path.lexically_relative(index.dir()).string(), from_files);
  }
  SIGTRADER_TRY(CandleSeries joined,
                std::move(builder).finish(symbol.to_string(), named_timeframe));

  DataReport& report = joined.report;
  report.location = location;
  // Their line numbers would all be 0, saying nothing; the counts are complete.
  report.duplicate_lines.clear();
  report.out_of_order_lines.clear();
  report.duplicate_count += from_files.duplicate_count;
  report.out_of_order_count += from_files.out_of_order_count;
  report.incomplete_buckets += from_files.incomplete_buckets;
  report.bad_row_count += from_files.bad_row_count;
  report.bad_rows = std::move(from_files.bad_rows);
  return joined;
}

}  // namespace sigtrader::market
