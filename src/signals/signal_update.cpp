#include "signals/signal_update.hpp"

#include <array>
#include <bitset>

#include "signals/keyword_scan.hpp"
#include "signals/number_text.hpp"
#include "signals/post_text.hpp"

namespace sigtrader::signals {
namespace {

// What a phrase says about a post; a post's phrases are found in one scan, then weighed in the
// order of detect_update().
enum Cue : std::uint8_t {
  kCancel,
  kReentry,
  kBreakeven,
  kMove,        // counts when the post names its stop
  kAtEntry,     // "to entry", counts when the post names its stop
  kStopHit,     // counts when the post names its stop
  kStoppedOut,  // a stop hit whatever else the post says
  kHit,
  kFilled,
  kClose,
  kChartClose,  // "daily close": a candle, not an order
  kHalf,
  kTargetWord,  // where to look for the target's number
  kCueCount
};

struct Phrase {
  std::string_view text;
  Cue cue;
};

// Substrings of the lowered post, in English, Russian, Turkish, Vietnamese, Spanish, Portuguese.
constexpr Phrase kPhrases[] = {
    {"cancel", kCancel},
    {"отмен", kCancel},
    {"iptal", kCancel},
    {"\xc4\xb0ptal", kCancel},  // "İptal": lower_post_text() keeps the dotted capital İ
    {"hủy", kCancel},
    {"cancelad", kCancel},
    {"remove ", kCancel},
    {"re-entry", kReentry},
    {"reentry", kReentry},
    {"re-enter", kReentry},
    {"перезаход", kReentry},
    {"повторный вход", kReentry},
    {"tekrar giriş", kReentry},
    {"vào lại", kReentry},
    {"reentrada", kReentry},
    {"breakeven", kBreakeven},
    {"break even", kBreakeven},
    {"break-even", kBreakeven},
    {"безубыт", kBreakeven},
    {"başabaş", kBreakeven},
    {"hòa vốn", kBreakeven},
    {"move", kMove},
    {"перенос", kMove},
    {"передвиг", kMove},
    {"двигаем", kMove},
    {"taşı", kMove},
    {"çekildi", kMove},
    {"dời", kMove},
    {"mover", kMove},
    {"mova", kMove},
    {"movid", kMove},
    {"trail", kMove},
    {"shift", kMove},
    {"at entry", kAtEntry},
    {"to entry", kAtEntry},
    {"risk free", kAtEntry},
    {"risk-free", kAtEntry},
    {"на вход", kAtEntry},
    {"в точку входа", kAtEntry},
    {"stop hit", kStopHit},
    {"sl hit", kStopHit},
    {"stopped", kStopHit},
    {"stop loss hit", kStopHit},
    {"triggered", kStopHit},
    {"выбил", kStopHit},
    {"сработал", kStopHit},
    {"словили", kStopHit},
    {"tetiklendi", kStopHit},
    {"çalıştı", kStopHit},
    {"dính", kStopHit},
    {"atingido", kStopHit},
    {"\xe2\x9d\x8c", kStopHit},  // ❌ next to a stop
    {"stopped out", kStoppedOut},
    {"by stop", kStoppedOut},
    {"by sl", kStoppedOut},
    {"hit", kHit},
    {"reached", kHit},
    {"done", kHit},
    {"achieved", kHit},
    {"\xe2\x9c\x85", kHit},  // ✅
    {"\xe2\x9c\x94", kHit},  // ✔
    {"взят", kHit},
    {"достигнут", kHit},
    {"отработ", kHit},
    {"выполнен", kHit},
    {"tamam", kHit},
    {"ulaşıldı", kHit},
    {"đạt", kHit},
    {"alcanzado", kHit},
    {"atingido", kHit},
    {"smashed", kHit},
    {"cumplid", kHit},
    {"logrado", kHit},
    {"batid", kHit},
    {"bateu", kHit},
    {"alcançad", kHit},
    {"entry filled", kFilled},
    {"entries filled", kFilled},
    {"filled", kFilled},
    {"entered", kFilled},
    {"entry targets achieved", kFilled},
    {"вход исполнен", kFilled},
    {"исполнил", kFilled},
    {"набран", kFilled},
    {"вошли", kFilled},
    {"girildi", kFilled},
    {"khớp lệnh", kFilled},
    {"executad", kFilled},
    {"close ", kClose},
    {"closed", kClose},
    {"closing", kClose},
    {"закрыва", kClose},
    {"закрыт", kClose},
    {"закрой", kClose},
    {"выходим", kClose},
    {"kapat", kClose},
    {"đóng", kClose},
    {"chốt", kClose},
    {"cerrar", kClose},
    {"cerrad", kClose},
    {"fechar", kClose},
    {"fechad", kClose},
    {"encerr", kClose},
    {"book ", kClose},
    {"off the table", kClose},
    {"secure profit", kClose},
    {"фиксир", kClose},
    {"realiz", kClose},
    {"daily close", kChartClose},
    {"weekly close", kChartClose},
    {"candle close", kChartClose},
    {"close above", kChartClose},
    {"close below", kChartClose},
    {"half", kHalf},
    {"половин", kHalf},
    {"yarı", kHalf},
    {"một nửa", kHalf},
    {"mitad", kHalf},
    {"metade", kHalf},
    {"tp", kTargetWord},
    {"target", kTargetWord},
    {"тейк", kTargetWord},
    {"цель", kTargetWord},
    {"тп", kTargetWord},
    {"hedef", kTargetWord},
};

constexpr std::size_t kPhraseCount = std::size(kPhrases);

const KeywordSet& phrase_set() {
  static const KeywordSet set = [] {
    std::array<Keyword, kPhraseCount> words{};
    for (std::size_t i = 0; i < kPhraseCount; ++i)
      words[i] = {kPhrases[i].text, WordEdge::kAnywhere};
    return KeywordSet(words);
  }();
  return set;
}

std::optional<int> first_integer_after(std::string_view lower, std::size_t from) {
  for (std::size_t i = from; i < lower.size() && i < from + 6; ++i) {
    if (is_digit(lower[i])) {
      int value = 0;
      while (i < lower.size() && is_digit(lower[i]) && value < 100)
        value = value * 10 + (lower[i++] - '0');
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(UpdateKind kind) {
  switch (kind) {
    case UpdateKind::kTargetHit:
      return "target_hit";
    case UpdateKind::kStopHit:
      return "stop_hit";
    case UpdateKind::kMoveStop:
      return "move_stop";
    case UpdateKind::kClose:
      return "close";
    case UpdateKind::kCancel:
      return "cancel";
    case UpdateKind::kReentry:
      return "reentry";
    case UpdateKind::kEntryFilled:
      return "entry_filled";
  }
  return "unknown";
}

std::optional<ParsedUpdate> detect_update(std::string_view lower, bool mentions_target,
                                          bool mentions_stop) {
  std::bitset<kCueCount> cues;
  int closes = 0;        // "close" words, and how many of them are a candle's close
  int chart_closes = 0;  // each chart phrase holds one close word
  // The first place of each target word, for its number ("TP2 hit" → 2).
  std::array<std::size_t, kPhraseCount> first_at;
  first_at.fill(std::string_view::npos);
  phrase_set().scan(lower, [&](const KeywordHit& hit) {
    const Cue cue = kPhrases[hit.index].cue;
    cues.set(cue);
    if (cue == kClose) ++closes;
    if (cue == kChartClose) ++chart_closes;
    if (first_at[hit.index] == std::string_view::npos) first_at[hit.index] = hit.begin;
  });

  ParsedUpdate update;
  if (cues[kCancel]) {
    update.kind = UpdateKind::kCancel;
    return update;
  }
  if (cues[kReentry]) {
    update.kind = UpdateKind::kReentry;
    return update;
  }
  if (cues[kBreakeven] || (mentions_stop && (cues[kMove] || cues[kAtEntry]))) {
    update.kind = UpdateKind::kMoveStop;
    return update;
  }
  // A stop that was hit: its own words, or a plain "hit"/"reached" when only the stop is named.
  if (cues[kStoppedOut] ||
      (mentions_stop && (cues[kStopHit] || (!mentions_target && cues[kHit])))) {
    update.kind = UpdateKind::kStopHit;
    return update;
  }
  if (mentions_target && cues[kHit]) {
    update.kind = UpdateKind::kTargetHit;
    for (std::size_t i = 0; i < kPhraseCount; ++i) {
      if (kPhrases[i].cue != kTargetWord || first_at[i] == std::string_view::npos) continue;
      update.target = first_integer_after(lower, first_at[i] + kPhrases[i].text.size());
      if (update.target) break;
    }
    return update;
  }
  if (cues[kFilled]) {
    update.kind = UpdateKind::kEntryFilled;
    return update;
  }
  if (closes > chart_closes) {
    update.kind = UpdateKind::kClose;
    if (cues[kHalf]) {
      update.fraction = core::Decimal::parse("0.5");
    } else if (const std::size_t percent = lower.find('%'); percent != std::string_view::npos) {
      std::size_t begin = percent;
      while (begin > 0 && is_digit(lower[begin - 1]))
        --begin;
      if (begin < percent && percent - begin <= 3) {
        int share = 0;  // whole percent: "close 50%"
        for (std::size_t k = begin; k < percent; ++k)
          share = share * 10 + (lower[k] - '0');
        if (share > 0 && share <= 100) {
          update.fraction = strip_trailing_zeros(core::Decimal::from_mantissa(share, 2).value());
        }
      }
    }
    return update;
  }
  return std::nullopt;
}

}  // namespace sigtrader::signals
