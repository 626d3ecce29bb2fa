#include "signals/coin_mention.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>

#include "core/assert.hpp"
#include "signals/symbol_text.hpp"

namespace sigtrader::signals {
namespace {

// Words of up to eight characters packed into an integer, so that a word list is a sorted array of
// integers and a lookup compares integers, not strings: the coin finder asks about every word.
constexpr std::size_t kPackedMax = 8;

std::uint64_t pack(std::string_view word) {
  std::uint64_t packed = 0;
  for (char c : word)
    packed = (packed << 8) | static_cast<unsigned char>(c);
  return packed;
}

template <std::size_t N>
std::array<std::uint64_t, N> packed_sorted(const std::string_view (&words)[N]) {
  std::array<std::uint64_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) {
    SIGTRADER_ASSERT(words[i].size() <= kPackedMax, "a listed word fits in an integer");
    out[i] = pack(words[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

template <std::size_t N>
bool in_list(const std::array<std::uint64_t, N>& sorted, std::string_view word) {
  return word.size() <= kPackedMax && std::binary_search(sorted.begin(), sorted.end(), pack(word));
}

// Words that are written in capitals but are not coins.
bool is_not_a_coin(std::string_view upper_word) {
  static constexpr std::string_view kWords[] = {
      "LONG",    "SHORT", "BUY",   "SELL",     "TP",      "SL",       "ENTRY", "ENTRIES", "TARGET",
      "TARGETS", "STOP",  "LOSS",  "LEVERAGE", "CROSS",   "ISOLATED", "VIP",   "FREE",    "SIGNAL",
      "SIGNALS", "PERP",  "SPOT",  "FUTURES",  "BINANCE", "BYBIT",    "OKX",   "BINGX",   "CMP",
      "DCA",     "ATH",   "ETF",   "NOW",      "MARKET",  "RR",       "PNL",   "ROI",     "FOMO",
      "NFA",     "DYOR",  "AND",   "THE",      "USDT",    "USD",      "NEW",   "ALERT",   "UPDATE",
      "TRADE",   "SCALP", "SWING", "PUMP",     "HOLD",    "DONE",     "HIT",   "PROFIT",  "ZONE",
      "TO",      "IN",    "OF",    "MY",       "OK",      "AM"};
  static const auto sorted = packed_sorted(kWords);
  return in_list(sorted, upper_word);
}

// Coins so widely traded that channels write them in lower case too ("pepe long", "btc 42k").
bool is_well_known_coin(std::string_view upper_word) {
  static constexpr std::string_view kCoins[] = {
      "BTC",  "ETH",  "SOL", "XRP",  "DOGE",  "BNB",  "ADA",  "AVAX", "LINK", "DOT", "LTC",
      "TRX",  "TON",  "SUI", "APT",  "NEAR",  "ATOM", "ARB",  "OP",   "INJ",  "TIA", "SEI",
      "PEPE", "SHIB", "WIF", "BONK", "FLOKI", "JUP",  "PYTH", "STRK", "ORDI", "FIL", "MATIC",
      "UNI",  "AAVE", "ETC", "BCH",  "XLM",   "HBAR", "RNDR", "FET",  "WLD",  "ENA", "TAO"};
  static const auto sorted = packed_sorted(kCoins);
  return in_list(sorted, upper_word);
}

// Stablecoin quotes a pair written in lower case may end with ("btcusdt"); shorter quotes
// ("try", "eth") end too many words of language ("country").
bool ends_with_stable_quote(std::string_view upper_word) {
  for (std::string_view quote : {"USDT", "USDC", "BUSD", "TUSD"}) {
    if (upper_word.size() > quote.size() + 1 && upper_word.ends_with(quote)) return true;
  }
  return false;
}

bool is_alnum(char c) {
  return is_ascii_letter(c) || is_digit(c);
}

bool is_pair_separator(char c) {
  return c == '/' || c == '-' || c == '_' || c == '.';
}

// Longer words are never coins: a base has at most 15 characters, a pair and a suffix some more.
constexpr std::size_t kMaxCoinWord = 40;

}  // namespace

std::optional<CoinMention> find_coin(std::string_view text) {
  std::optional<CoinMention> best;
  int best_rank = 0;  // lower is stronger evidence
  std::array<core::Symbol, 4> marked{};
  int marked_count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool is_marked = text[i] == '#' || text[i] == '$';
    if (!is_marked && !is_alnum(text[i])) {
      ++i;
      continue;
    }
    if (i > 0 && is_alnum(text[i - 1])) {
      ++i;
      continue;
    }
    std::size_t end = i + (is_marked ? 1 : 0);
    while (end < text.size() &&
           (is_alnum(text[end]) || (is_pair_separator(text[end]) && end + 1 < text.size() &&
                                    is_ascii_letter(text[end + 1])))) {
      ++end;
    }
    const std::size_t begin = i;
    i = std::max(end, i + 1);
    const std::size_t mark = is_marked ? 1 : 0;
    const std::string_view bare = text.substr(begin + mark, end - begin - mark);
    if (bare.empty() || bare.size() > kMaxCoinWord || !is_alnum(bare[0])) {
      continue;
    }
    std::array<char, kMaxCoinWord> buffer{};
    bool all_upper = true;
    std::size_t cut = std::string_view::npos;
    for (std::size_t k = 0; k < bare.size(); ++k) {
      char c = bare[k];
      if (c >= 'a' && c <= 'z') {
        all_upper = false;
        c = static_cast<char>(c - 32);
      }
      if (cut == std::string_view::npos && is_pair_separator(c)) cut = k;
      buffer[k] = c;
    }
    const std::string_view upper(buffer.data(), bare.size());
    if (is_not_a_coin(upper.substr(0, cut))) continue;
    // Lower-case words are language, not coins, unless they are a pair or a name every trader
    // knows.
    if (!is_marked && !all_upper && cut == std::string_view::npos &&
        !ends_with_stable_quote(upper) && !is_well_known_coin(upper)) {
      continue;
    }
    const auto symbol = parse_symbol_text(upper);
    if (!symbol) continue;
    int rank = 4;
    if (is_marked) {
      rank = 0;
      const bool seen = std::find(marked.begin(), marked.begin() + std::min(marked_count, 4),
                                  *symbol) != marked.begin() + std::min(marked_count, 4);
      if (!seen) {
        if (marked_count < 4) marked[marked_count] = *symbol;
        ++marked_count;
      }
    } else if (cut != std::string_view::npos ||
               symbol->base.size() + symbol->quote.size() == upper.size()) {
      rank = 1;  // a written pair: BTC/USDT, BTCUSDT
    } else if (all_upper && upper.size() >= 2 && upper.size() <= 10) {
      rank = 3;
    } else if (is_well_known_coin(upper)) {
      rank = 4;  // written in lower case, but a name every trader knows
    } else {
      continue;
    }
    if (!best || rank < best_rank) {
      best = CoinMention{*symbol, TextSpan{begin, end}, 0};
      best_rank = rank;
    }
  }
  if (best) best->marked_coins = marked_count;
  return best;
}

}  // namespace sigtrader::signals
