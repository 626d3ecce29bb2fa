#include "signals/signal_parser.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include <fmt/format.h>

#include "signals/number_text.hpp"
#include "signals/post_text.hpp"
#include "signals/symbol_text.hpp"

namespace sigtrader::signals {
namespace {

enum class Field { kEntry, kTarget, kStop, kLeverage };

struct Key {
  Field field;
  std::string_view word;
  bool prefix;
};

// Labels that introduce a field. Longer phrases first, so "stop loss" is one key, not "stop".
constexpr Key kKeys[] = {
    {Field::kEntry, "entry zone", false},
    {Field::kEntry, "entry price", false},
    {Field::kEntry, "entry targets", false},
    {Field::kEntry, "entries", false},
    {Field::kEntry, "entry", false},
    {Field::kEntry, "enter", false},
    {Field::kEntry, "buy zone", false},
    {Field::kEntry, "buy between", false},
    {Field::kEntry, "between", false},
    {Field::kEntry, "buy around", false},
    {Field::kEntry, "open", false},
    {Field::kEntry, "вход", true},
    {Field::kEntry, "точка входа", false},
    {Field::kEntry, "giriş", false},
    {Field::kEntry, "giris", false},
    {Field::kEntry, "vào lệnh", false},
    {Field::kEntry, "điểm vào", false},
    {Field::kEntry, "entrada", false},
    {Field::kEntry, "入场", false},
    {Field::kTarget, "take profit targets", false},
    {Field::kTarget, "take profit", false},
    {Field::kTarget, "take-profit", false},
    {Field::kTarget, "targets", false},
    {Field::kTarget, "target", false},
    {Field::kTarget, "tp", true},
    {Field::kTarget, "тейк", true},
    {Field::kTarget, "цел", true},
    {Field::kTarget, "hedef", true},
    {Field::kTarget, "chốt lời", false},
    {Field::kTarget, "mục tiêu", false},
    {Field::kTarget, "alvo", true},
    {Field::kTarget, "objetivo", true},
    {Field::kTarget, "止盈", false},
    {Field::kTarget, "目标", false},
    {Field::kStop, "stop loss", false},
    {Field::kStop, "stop-loss", false},
    {Field::kStop, "stoploss", false},
    {Field::kStop, "stop targets", false},
    {Field::kStop, "stop", false},
    {Field::kStop, "sl", false},
    {Field::kStop, "стоп", true},
    {Field::kStop, "zarar durdur", false},
    {Field::kStop, "cắt lỗ", false},
    {Field::kStop, "止损", false},
    {Field::kStop, "invalidation", false},
    {Field::kLeverage, "leverage", false},
    {Field::kLeverage, "lev", false},
    {Field::kLeverage, "плечо", false},
    {Field::kLeverage, "kaldıraç", false},
    {Field::kLeverage, "đòn bẩy", false},
    {Field::kLeverage, "杠杆", false},
    {Field::kLeverage, "apalancamiento", false},
    {Field::kLeverage, "alavancagem", false},
};

struct FoundKey {
  std::size_t begin;
  std::size_t end;
  Field field;
};

std::vector<FoundKey> find_keys(std::string_view lower) {
  std::vector<FoundKey> keys;
  for (const Key& key : kKeys) {
    for (std::size_t at : find_words(lower, key.word, key.prefix)) {
      const std::size_t end = at + key.word.size();
      const bool inside = std::any_of(keys.begin(), keys.end(), [&](const FoundKey& other) {
        return at < other.end && end > other.begin;
      });
      if (!inside) keys.push_back({at, end, key.field});
    }
  }
  std::sort(keys.begin(), keys.end(),
            [](const FoundKey& a, const FoundKey& b) { return a.begin < b.begin; });
  return keys;
}

struct NumberToken {
  core::Decimal value;
  TextSpan span;
  bool percent = false;
};

// The numbers of a segment that can be prices or percentages: list indexes ("1)", "TP1",
// "1️⃣"), leverage ("10x"), times and dates are left out.
std::vector<NumberToken> numbers_in(std::string_view text, std::size_t from, std::size_t to) {
  std::vector<NumberToken> out;
  std::size_t i = from;
  while (i < to) {
    if (!is_digit(text[i]) && !(text[i] == '.' && i + 1 < to && is_digit(text[i + 1]))) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    std::size_t end = i;
    while (end < to) {
      const char c = text[end];
      if (is_digit(c) || c == '.' || c == ',') {
        ++end;
      } else if (c == ' ' && end + 3 < to + 1 && end + 1 < to && is_digit(text[end + 1]) &&
                 end + 3 < to && is_digit(text[end + 2]) && is_digit(text[end + 3]) &&
                 (end + 4 >= to || !is_digit(text[end + 4])) && end > begin &&
                 is_digit(text[end - 1]) && end - begin <= 3) {
        end += 1;  // a thousands space: "42 500"
      } else {
        break;
      }
    }
    while (end > begin && (text[end - 1] == '.' || text[end - 1] == ','))
      --end;
    std::size_t after = end;
    if (after < to && (text[after] == 'k' || text[after] == 'K') &&
        (after + 1 >= to || !is_ascii_letter(text[after + 1]))) {
      ++after;
    }
    i = std::max(after, begin + 1);
    const char before = begin > 0 ? text[begin - 1] : ' ';
    const char next = after < to ? text[after] : ' ';
    // "TP1", "T2", "x10", "#1": an index or a leverage, not a price.
    if (is_ascii_letter(before) || before == '#' || before == '/' || before == ':') continue;
    // "1)", "2:" and "3/" number lists and times; a price may still close a bracket: "(SL 0.43)".
    const bool small_integer =
        after - begin <= 2 &&
        text.substr(begin, after - begin).find_first_of(".,") == std::string_view::npos;
    if ((next == ')' || next == ':' || next == '/') && small_integer) continue;
    if (next == 'x' || next == 'X') continue;
    if (starts_with_at(text, after, "\xef\xb8\x8f") ||
        starts_with_at(text, after, "\xe2\x83\xa3")) {
      continue;  // keycap emoji digits
    }
    if (starts_with_at(text, after, "\xd1\x85")) continue;  // Cyrillic х: "20х"
    if (next == '.' && after + 1 < to && text[after + 1] == ' ' && end - begin <= 2) continue;
    const auto value = parse_number_text(text.substr(begin, after - begin));
    if (!value) continue;
    NumberToken token{*value, {begin, after}, false};
    std::size_t look = after;
    while (look < to && text[look] == ' ')
      ++look;
    if (look < to && text[look] == '%') token.percent = true;
    out.push_back(token);
  }
  return out;
}

// Side words with their side; found on word boundaries in the lowered text.
struct SideWord {
  std::string_view word;
  core::PositionSide side;
};
constexpr SideWord kSideWords[] = {
    {"long", core::PositionSide::kLong},     {"buy", core::PositionSide::kLong},
    {"лонг", core::PositionSide::kLong},     {"покупка", core::PositionSide::kLong},
    {"купить", core::PositionSide::kLong},   {"alış", core::PositionSide::kLong},
    {"al", core::PositionSide::kLong},       {"mua", core::PositionSide::kLong},
    {"做多", core::PositionSide::kLong},     {"شراء", core::PositionSide::kLong},
    {"compra", core::PositionSide::kLong},   {"comprar", core::PositionSide::kLong},
    {"longuear", core::PositionSide::kLong}, {"largo", core::PositionSide::kLong},
    {"short", core::PositionSide::kShort},   {"corto", core::PositionSide::kShort},
    {"sell", core::PositionSide::kShort},    {"шорт", core::PositionSide::kShort},
    {"продажа", core::PositionSide::kShort}, {"продать", core::PositionSide::kShort},
    {"satış", core::PositionSide::kShort},   {"sat", core::PositionSide::kShort},
    {"bán", core::PositionSide::kShort},     {"做空", core::PositionSide::kShort},
    {"بيع", core::PositionSide::kShort},     {"venta", core::PositionSide::kShort},
    {"vender", core::PositionSide::kShort},  {"venda", core::PositionSide::kShort},
};

struct SideFound {
  std::size_t at;
  std::size_t end;
  core::PositionSide side;
};

std::optional<SideFound> find_side(std::string_view lower) {
  std::optional<SideFound> best;
  const auto consider = [&best](std::size_t at, std::size_t end, core::PositionSide side) {
    if (!best || at < best->at) best = SideFound{at, end, side};
  };
  for (const SideWord& word : kSideWords) {
    const auto found = find_words(lower, word.word, false);
    if (!found.empty()) consider(found.front(), found.front() + word.word.size(), word.side);
  }
  constexpr std::array<std::pair<std::string_view, core::PositionSide>, 4> kEmojis{{
      {"\xf0\x9f\x9f\xa2", core::PositionSide::kLong},   // 🟢
      {"\xf0\x9f\x93\x88", core::PositionSide::kLong},   // 📈
      {"\xf0\x9f\x94\xb4", core::PositionSide::kShort},  // 🔴
      {"\xf0\x9f\x93\x89", core::PositionSide::kShort},  // 📉
  }};
  for (const auto& [emoji, side] : kEmojis) {
    const std::size_t at = lower.find(emoji);
    if (at != std::string_view::npos) consider(at, at + emoji.size(), side);
  }
  return best;
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
  return std::find(std::begin(kWords), std::end(kWords), upper_word) != std::end(kWords);
}

// Coins so widely traded that channels write them in lower case too ("pepe long", "btc 42k").
bool is_well_known_coin(std::string_view upper_word) {
  static constexpr std::string_view kCoins[] = {
      "BTC",  "ETH",  "SOL", "XRP",  "DOGE",  "BNB",  "ADA",  "AVAX", "LINK", "DOT", "LTC",
      "TRX",  "TON",  "SUI", "APT",  "NEAR",  "ATOM", "ARB",  "OP",   "INJ",  "TIA", "SEI",
      "PEPE", "SHIB", "WIF", "BONK", "FLOKI", "JUP",  "PYTH", "STRK", "ORDI", "FIL", "MATIC",
      "UNI",  "AAVE", "ETC", "BCH",  "XLM",   "HBAR", "RNDR", "FET",  "WLD",  "ENA", "TAO"};
  return std::find(std::begin(kCoins), std::end(kCoins), upper_word) != std::end(kCoins);
}

std::optional<std::pair<core::Symbol, TextSpan>> find_symbol(std::string_view text) {
  // Tokens of letters, digits and the separators pairs use.
  struct Token {
    std::size_t begin;
    std::size_t end;
    int rank;  // lower is stronger evidence
  };
  std::optional<Token> best;
  std::optional<core::Symbol> best_symbol;
  std::size_t i = 0;
  while (i < text.size()) {
    const bool marked = text[i] == '#' || text[i] == '$';
    if (!marked && !is_ascii_letter(text[i]) && !is_digit(text[i])) {
      ++i;
      continue;
    }
    if (i > 0 && (is_ascii_letter(text[i - 1]) || is_digit(text[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t end = i + (marked ? 1 : 0);
    while (end < text.size() &&
           (is_ascii_letter(text[end]) || is_digit(text[end]) ||
            ((text[end] == '/' || text[end] == '-' || text[end] == '_' || text[end] == '.') &&
             end + 1 < text.size() && is_ascii_letter(text[end + 1])))) {
      ++end;
    }
    const std::string_view word = text.substr(i, end - i);
    const std::size_t begin = i;
    i = std::max(end, i + 1);
    const std::string_view bare = marked ? word.substr(1) : word;
    if (bare.empty()) continue;
    std::string upper(bare);
    bool all_upper = true;
    for (char& c : upper) {
      if (c >= 'a' && c <= 'z') {
        all_upper = false;
        c = static_cast<char>(c - 32);
      }
    }
    const std::size_t cut = upper.find_first_of("/-_.");
    const std::string head = upper.substr(0, cut);
    if (is_not_a_coin(head)) continue;
    const auto symbol = parse_symbol_text(upper);
    if (!symbol) continue;
    int rank = 4;
    if (marked) {
      rank = 0;
    } else if (cut != std::string::npos ||
               symbol->base.size() + symbol->quote.size() == upper.size()) {
      rank = 1;  // a written pair: BTC/USDT, BTCUSDT
    } else if (all_upper && upper.size() >= 2 && upper.size() <= 10) {
      rank = 3;
    } else if (is_well_known_coin(upper)) {
      rank = 4;  // written in lower case, but a name every trader knows
    } else {
      continue;  // lower-case words are language, not coins
    }
    if (!best || rank < best->rank) {
      best = Token{begin, end, rank};
      best_symbol = symbol;
    }
  }
  if (!best) return std::nullopt;
  return std::make_pair(*best_symbol, TextSpan{best->begin, best->end});
}

core::Decimal percent_of(core::Decimal base, core::Decimal percent, bool up) {
  const auto fraction =
      core::checked_div(percent, core::Decimal::from_int(100), 12, core::Rounding::kHalfEven);
  if (!fraction) return base;
  const core::Decimal one = core::Decimal::from_int(1);
  const auto factor = up ? core::checked_add(one, *fraction) : core::checked_sub(one, *fraction);
  if (!factor) return base;
  const auto product = core::checked_mul(base, *factor);
  if (!product) return base;
  return strip_trailing_zeros(*product);
}

}  // namespace

ParsedSignal parse_signal(std::string_view text) {
  ParsedSignal out;
  const std::string lower = lower_post_text(text);
  const std::vector<FoundKey> keys = find_keys(lower);

  if (const auto symbol = find_symbol(text)) {
    out.symbol = symbol->first;
    out.symbol_span = symbol->second;
  }
  if (const auto side = find_side(lower)) {
    out.side = side->side;
    out.side_span = {side->at, side->end};
  }

  std::vector<NumberToken> stop_percent;
  std::vector<NumberToken> target_percent;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const FoundKey& key = keys[k];
    std::size_t end = k + 1 < keys.size() ? keys[k + 1].begin : text.size();
    // A blank line ends a field's list.
    const std::size_t blank = text.find("\n\n", key.end);
    if (blank != std::string_view::npos && blank < end) {
      const auto before = numbers_in(text, key.end, blank);
      if (!before.empty()) end = blank;
    }
    const std::string_view segment_lower = std::string_view(lower).substr(key.end, end - key.end);
    std::vector<NumberToken> numbers = numbers_in(text, key.end, end);
    switch (key.field) {
      case Field::kEntry: {
        if (out.entries.empty() &&
            contains_any(
                segment_lower.substr(0, std::min<std::size_t>(segment_lower.size(), 24)),
                {"market", "cmp", "now", "по рынку", "piyasa", "giá hiện tại", "mercado"}) &&
            (numbers.empty() || numbers.front().percent)) {
          out.entry_market = true;
        }
        for (const NumberToken& number : numbers) {
          if (number.percent || out.entries.size() >= 3) continue;
          if (out.entries.empty() || k == 0 || keys[k - 1].field == Field::kEntry ||
              out.entries.size() < 3) {
            out.entries.push_back({number.value, number.span});
          }
        }
        break;
      }
      case Field::kTarget:
        for (const NumberToken& number : numbers) {
          if (number.percent) {
            target_percent.push_back(number);
          } else {
            out.targets.push_back({number.value, number.span});
          }
        }
        break;
      case Field::kStop:
        if (out.stop_loss || !stop_percent.empty()) break;
        for (const NumberToken& number : numbers) {
          if (number.percent) {
            stop_percent.push_back(number);
          } else {
            out.stop_loss = PriceField{number.value, number.span};
          }
          break;
        }
        break;
      case Field::kLeverage:
        break;
    }
  }

  // No entry label: a price right after the direction or the coin on the same line is the entry
  // ("#PYTH long 0.4425", "BTCUSDT LONG @ 42000", "long on jup here at 1.0342").
  const bool entry_key = std::any_of(
      keys.begin(), keys.end(), [](const FoundKey& key) { return key.field == Field::kEntry; });
  if (!entry_key && out.side) {
    const std::size_t from = std::max(out.side_span.end, out.symbol ? out.symbol_span.end : 0);
    std::size_t to = text.find('\n', from);
    if (to == std::string_view::npos) to = text.size();
    for (const FoundKey& key : keys) {
      if (key.begin >= from && key.begin < to) to = key.begin;
    }
    for (const NumberToken& number : numbers_in(text, from, to)) {
      if (!number.percent) {
        out.entries.push_back({number.value, number.span});
        break;
      }
    }
  }

  // Leverage: "10x", "x10", "20X", "Cross 20", "х20".
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (!is_digit(lower[i]) || (i > 0 && is_digit(lower[i - 1]))) continue;
    std::size_t end = i;
    int value = 0;
    while (end < lower.size() && is_digit(lower[end]) && value < 1000)
      value = value * 10 + (lower[end++] - '0');
    const bool x_after =
        end < lower.size() && (lower[end] == 'x' || starts_with_at(lower, end, "\xd1\x85"));
    const bool x_before =
        (i > 0 && lower[i - 1] == 'x') || (i > 1 && starts_with_at(lower, i - 2, "\xd1\x85"));
    const bool after_letter_x = x_before && i > 1 && is_ascii_letter(lower[i - 2]);
    if ((x_after || (x_before && !after_letter_x)) && value >= 1 && value <= 200) {
      out.leverage = value;
      break;
    }
  }
  if (contains_any(lower, {"isolated", "изолир", "izole", "cô lập", "逐仓", "aislad", "isolad"})) {
    out.margin_mode = "isolated";
  } else if (contains_any(lower, {"cross", "кросс", "çapraz", "全仓", "cruzad"})) {
    out.margin_mode = "cross";
  }

  // Percentages resolve against a single entry once the side is known.
  if (out.entries.size() == 1 && out.side) {
    const bool is_long = *out.side == core::PositionSide::kLong;
    const core::Decimal entry = out.entries.front().value;
    for (const NumberToken& number : target_percent) {
      out.targets.push_back({percent_of(entry, number.value, is_long), number.span});
    }
    if (!out.stop_loss && !stop_percent.empty()) {
      out.stop_loss = PriceField{percent_of(entry, stop_percent.front().value, !is_long),
                                 stop_percent.front().span};
    }
  }

  const auto mentions = [&keys](Field field) {
    return std::any_of(keys.begin(), keys.end(),
                       [field](const FoundKey& key) { return key.field == field; });
  };
  out.update = detect_update(lower, mentions(Field::kTarget), mentions(Field::kStop));
  const bool has_levels =
      !out.entries.empty() || out.entry_market || !out.targets.empty() || out.stop_loss.has_value();
  const bool full_setup = out.symbol && out.side && has_levels &&
                          ((!out.entries.empty() || out.entry_market) + (!out.targets.empty()) +
                               out.stop_loss.has_value() >=
                           2);
  // Entries with a stop or targets make a new setup, whatever ✅ or "done" decorates it.
  const bool strong_setup = full_setup && (!out.entries.empty() || out.entry_market) &&
                            (out.stop_loss || !out.targets.empty());
  if (full_setup && (strong_setup || !out.update || out.update->kind == UpdateKind::kClose ||
                     out.update->kind == UpdateKind::kEntryFilled)) {
    out.update.reset();
    out.label = *out.side == core::PositionSide::kLong ? "long" : "short";
  } else if (out.update && !(full_setup && out.update->kind == UpdateKind::kReentry) &&
             (out.symbol ||
              std::any_of(keys.begin(), keys.end(),
                          [](const FoundKey& key) {
                            return key.field == Field::kTarget || key.field == Field::kStop;
                          }) ||
              out.update->kind == UpdateKind::kCancel ||
              out.update->kind == UpdateKind::kEntryFilled ||
              (out.update->kind == UpdateKind::kClose && out.update->fraction))) {
    // An update names what it updates (the coin, or the target or stop it talks about), or is an
    // order about "this one": cancel it, it filled, close part of it.
    out.label = "update";
  } else if (full_setup) {
    out.label = *out.side == core::PositionSide::kLong ? "long" : "short";
  } else {
    out.update.reset();
  }

  if (out.label == "long" || out.label == "short") {
    const bool is_long = out.label == "long";
    if (!out.entries.empty() && out.stop_loss) {
      const core::Decimal entry = out.entries.front().value;
      const core::Decimal stop = out.stop_loss->value;
      if (is_long ? stop >= entry : stop <= entry) {
        out.warnings.push_back(fmt::format("stop {} is {} the entry {} of a {}", stop.to_string(),
                                           is_long ? "above" : "below", entry.to_string(),
                                           out.label));
      }
    }
    if (!out.entries.empty()) {
      const core::Decimal entry = out.entries.front().value;
      for (const PriceField& target : out.targets) {
        if (is_long ? target.value <= entry : target.value >= entry) {
          out.warnings.push_back(fmt::format("target {} is on the wrong side of the entry {}",
                                             target.value.to_string(), entry.to_string()));
          break;
        }
      }
    }
  } else {
    out.entries.clear();
    out.targets.clear();
    out.stop_loss.reset();
    out.entry_market = false;
  }
  return out;
}

}  // namespace sigtrader::signals
