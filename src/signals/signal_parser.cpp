#include "signals/signal_parser.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "signals/coin_mention.hpp"
#include "signals/number_text.hpp"
#include "signals/post_text.hpp"
#include "signals/post_words.hpp"
#include "signals/price_numbers.hpp"

namespace sigtrader::signals {
namespace {

struct FoundKey {
  std::size_t begin;
  std::size_t end;
  Field field;
};

// What one scan of the lowered post found.
struct PostScan {
  std::vector<FoundKey> keys;          // field labels in text order, none overlapping
  std::vector<TextSpan> market_words;  // "market", "CMP", "now"
  std::optional<TextSpan> side_span;   // the first direction word
  core::PositionSide side = core::PositionSide::kLong;
  bool isolated = false;
  bool cross = false;
  bool guide = false;

  void clear() {
    keys.clear();
    market_words.clear();
    side_span.reset();
    isolated = cross = guide = false;
  }
};

// Buffers one parse reuses, so that parsing a post allocates nothing but its result.
struct Scratch {
  std::string lower;
  PostScan scan;
  std::vector<NumberToken> numbers;
  std::vector<NumberToken> stop_percent;
  std::vector<NumberToken> target_percent;
};

void scan_post(std::string_view lower, PostScan& out) {
  out.clear();
  const auto words = post_words();
  post_word_set().scan(lower, [&](const KeywordHit& hit) {
    const PostWord& word = words[hit.index];
    switch (word.kind) {
      case WordKind::kField:
        // The longest label at a place wins ("stop targets" over "targets" inside it).
        if (out.keys.empty() || hit.begin >= out.keys.back().end) {
          out.keys.push_back({hit.begin, hit.end, word.field});
        }
        break;
      case WordKind::kSide: {
        if (out.side_span) break;
        // "Sell targets" name where to take profit, not a direction.
        const bool inside_label = !out.keys.empty() && hit.begin < out.keys.back().end &&
                                  out.keys.back().field != Field::kEntry;
        if (!inside_label) {
          out.side_span = TextSpan{hit.begin, hit.end};
          out.side = word.side;
        }
        break;
      }
      case WordKind::kMarket:
        out.market_words.push_back({hit.begin, hit.end});
        break;
      case WordKind::kIsolated:
        out.isolated = true;
        break;
      case WordKind::kCross:
        out.cross = true;
        break;
      case WordKind::kGuide:
        out.guide = true;
        break;
    }
  });
}

bool market_word_within(const PostScan& scan, std::size_t from, std::size_t to) {
  return std::any_of(scan.market_words.begin(), scan.market_words.end(),
                     [&](const TextSpan& word) { return word.begin >= from && word.end <= to; });
}

// A market word that ends right before `at`, a space apart at most.
bool market_word_before(const PostScan& scan, std::size_t at) {
  return std::any_of(scan.market_words.begin(), scan.market_words.end(),
                     [at](const TextSpan& word) { return word.end <= at && at - word.end <= 1; });
}

bool has_field(const PostScan& scan, Field field) {
  return std::any_of(scan.keys.begin(), scan.keys.end(),
                     [field](const FoundKey& key) { return key.field == field; });
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

// Leverage: "10x", "x10", "20X", "х20" (Cyrillic х).
std::optional<int> find_leverage(std::string_view lower) {
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
    if ((x_after || (x_before && !after_letter_x)) && value >= 1 && value <= 200) return value;
  }
  return std::nullopt;
}

// Reads each field's values from the text between its label and the next label.
void read_fields(std::string_view text, Scratch& scratch, ParsedSignal& out) {
  const std::vector<FoundKey>& keys = scratch.scan.keys;
  std::vector<NumberToken>& numbers = scratch.numbers;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const FoundKey& key = keys[k];
    std::size_t end = k + 1 < keys.size() ? keys[k + 1].begin : text.size();
    // A blank line ends a field's list.
    const std::size_t blank = text.find("\n\n", key.end);
    if (blank != std::string_view::npos && blank < end) {
      numbers.clear();
      append_price_numbers(text, key.end, blank, numbers);
      if (!numbers.empty()) end = blank;
    }
    numbers.clear();
    append_price_numbers(text, key.end, end, numbers);
    switch (key.field) {
      case Field::kEntry:
        // "Entry: market", "Вход: по рынку", and a market word right before the label: "market
        // entry", "piyasa giriş".
        if (out.entries.empty() &&
            (market_word_within(scratch.scan, key.end, std::min(end, key.end + std::size_t{24})) ||
             market_word_before(scratch.scan, key.begin)) &&
            (numbers.empty() || numbers.front().percent)) {
          out.entry_market = true;
        }
        for (const NumberToken& number : numbers) {
          if (number.percent || out.entries.size() >= 3) continue;
          out.entries.push_back({number.value, number.span});
        }
        break;
      case Field::kTarget:
        for (const NumberToken& number : numbers) {
          if (number.percent) {
            scratch.target_percent.push_back(number);
          } else {
            out.targets.push_back({number.value, number.span});
          }
        }
        break;
      case Field::kStop:
        if (out.stop_loss || !scratch.stop_percent.empty() || numbers.empty()) break;
        if (numbers.front().percent) {
          scratch.stop_percent.push_back(numbers.front());
          if (numbers.size() > 1 && numbers[1].percent) {
            out.warnings.push_back(fmt::format(
                "the stop is a range of percentages ({}% to {}%); the tighter {}% is used",
                numbers[0].value.to_string(), numbers[1].value.to_string(),
                numbers[0].value.to_string()));
          }
        } else {
          out.stop_loss = PriceField{numbers.front().value, numbers.front().span};
        }
        break;
      case Field::kLeverage:
        break;
    }
  }
}

// No entry label: a price right after the direction or the coin on the same line is the entry
// ("#PYTH long 0.4425", "BTCUSDT LONG @ 42000", "long on jup here at 1.0342"), and "market" or
// "now" there before any price is an entry at the market ("BUY NOW at market", "ЛОНГ DOGEUSDT
// market").
void read_unlabeled_entry(std::string_view text, Scratch& scratch, ParsedSignal& out) {
  const std::size_t from = std::max(out.side_span.end, out.symbol ? out.symbol_span.end : 0);
  const std::size_t line_begin =
      std::min(out.side_span.begin, out.symbol ? out.symbol_span.begin : out.side_span.begin);
  std::size_t to = text.find('\n', from);
  if (to == std::string_view::npos) to = text.size();
  for (const FoundKey& key : scratch.scan.keys) {
    if (key.begin >= from && key.begin < to) to = key.begin;
  }
  std::vector<NumberToken>& numbers = scratch.numbers;
  numbers.clear();
  append_price_numbers(text, from, to, numbers);
  for (const NumberToken& number : numbers) {
    if (!number.percent) {
      out.entries.push_back({number.value, number.span});
      return;
    }
  }
  std::size_t line_end = text.find('\n', from);
  if (line_end == std::string_view::npos) line_end = text.size();
  if (market_word_within(scratch.scan, line_begin, line_end)) out.entry_market = true;
}

void add_warnings(ParsedSignal& out) {
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
}

}  // namespace

ParsedSignal parse_signal(std::string_view text) {
  thread_local Scratch scratch;
  ParsedSignal out;
  lower_post_text_into(text, scratch.lower);
  const std::string_view lower = scratch.lower;
  scan_post(lower, scratch.scan);
  const PostScan& scan = scratch.scan;
  scratch.stop_percent.clear();
  scratch.target_percent.clear();

  int marked_coins = 0;
  if (auto coin = find_coin(text)) {
    out.symbol = std::move(coin->symbol);
    out.symbol_span = coin->span;
    marked_coins = coin->marked_coins;
  }
  if (scan.side_span) {
    out.side = scan.side;
    out.side_span = *scan.side_span;
  }

  read_fields(text, scratch, out);
  if (!has_field(scan, Field::kEntry) && out.side) read_unlabeled_entry(text, scratch, out);

  out.leverage = find_leverage(lower);
  if (scan.isolated) {
    out.margin_mode = "isolated";
  } else if (scan.cross) {
    out.margin_mode = "cross";
  }

  // Percentages resolve against a single entry once the side is known.
  if (out.entries.size() == 1 && out.side) {
    const bool is_long = *out.side == core::PositionSide::kLong;
    const core::Decimal entry = out.entries.front().value;
    for (const NumberToken& number : scratch.target_percent) {
      out.targets.push_back({percent_of(entry, number.value, is_long), number.span});
    }
    if (!out.stop_loss && !scratch.stop_percent.empty()) {
      out.stop_loss = PriceField{percent_of(entry, scratch.stop_percent.front().value, !is_long),
                                 scratch.stop_percent.front().span};
    }
  }

  const bool mentions_target = has_field(scan, Field::kTarget);
  const bool mentions_stop = has_field(scan, Field::kStop);
  out.update = detect_update(lower, mentions_target, mentions_stop);
  const bool has_entry = !out.entries.empty() || out.entry_market;
  const bool has_levels = has_entry || !out.targets.empty() || out.stop_loss.has_value();
  const bool full_setup = out.symbol && out.side && has_levels &&
                          (has_entry + (!out.targets.empty()) + out.stop_loss.has_value() >= 2);
  // Entries with a stop or targets make a new setup, whatever ✅ or "done" decorates it.
  const bool strong_setup = full_setup && has_entry && (out.stop_loss || !out.targets.empty());
  // A post naming several marked coins with their results is a recap of the day, not an update
  // of one trade.
  const bool recap = marked_coins >= 2;
  if (scan.guide) {
    out.update.reset();
  } else if (full_setup && (strong_setup || !out.update || out.update->kind == UpdateKind::kClose ||
                            out.update->kind == UpdateKind::kEntryFilled)) {
    out.update.reset();
    out.label = *out.side == core::PositionSide::kLong ? "long" : "short";
  } else if (out.update && !recap && !(full_setup && out.update->kind == UpdateKind::kReentry) &&
             (out.symbol || mentions_target || mentions_stop ||
              out.update->kind == UpdateKind::kCancel ||
              out.update->kind == UpdateKind::kEntryFilled ||
              out.update->kind == UpdateKind::kReentry ||
              (out.update->kind == UpdateKind::kClose && out.update->fraction))) {
    // An update names what it updates (the coin, or the target or stop it talks about), or is an
    // order about "this one": cancel it, it filled, enter it again, close part of it.
    out.label = "update";
  } else if (full_setup) {
    out.label = *out.side == core::PositionSide::kLong ? "long" : "short";
  } else {
    out.update.reset();
  }

  if (out.label == "long" || out.label == "short") {
    add_warnings(out);
  } else {
    out.entries.clear();
    out.targets.clear();
    out.stop_loss.reset();
    out.entry_market = false;
  }
  return out;
}

}  // namespace sigtrader::signals
