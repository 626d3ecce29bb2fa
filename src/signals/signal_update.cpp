#include "signals/signal_update.hpp"

#include "signals/number_text.hpp"
#include "signals/post_text.hpp"

namespace sigtrader::signals {
namespace {

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
  ParsedUpdate update;
  if (contains_any(lower, {"cancel", "отмен", "iptal", "hủy", "cancelad", "remove "})) {
    update.kind = UpdateKind::kCancel;
    return update;
  }
  if (contains_any(lower, {"re-entry", "reentry", "re-enter", "перезаход", "повторный вход",
                           "tekrar giriş", "vào lại", "reentrada"})) {
    update.kind = UpdateKind::kReentry;
    return update;
  }
  if (contains_any(lower,
                   {"breakeven", "break even", "break-even", "безубыт", "başabaş", "hòa vốn"}) ||
      (mentions_stop && contains_any(lower, {"move", "moved", "перенос", "передвиг", "двигаем",
                                             "taşı", "dời", "mover", "mova", "movid"})) ||
      (mentions_stop && contains_any(lower, {"at entry", "to entry", "risk free", "risk-free",
                                             "на вход", "в точку входа"}))) {
    update.kind = UpdateKind::kMoveStop;
    return update;
  }
  if (mentions_stop &&
      contains_any(lower, {"stop hit", "sl hit", "stopped", "stop loss hit", "выбил", "сработал",
                           "tetiklendi", "dính", "atingido"})) {
    update.kind = UpdateKind::kStopHit;
    return update;
  }
  const bool hit_word =
      contains_any(lower, {"hit", "reached", "done", "achieved", "\xe2\x9c\x85", "взят",
                           "достигнут", "отработ", "tamam", "ulaşıldı", "đạt", "alcanzado",
                           "atingido", "smashed", "cumplid", "logrado", "batid", "alcançad"});
  if (mentions_target && hit_word) {
    update.kind = UpdateKind::kTargetHit;
    for (std::string_view word : {"tp", "target", "тейк", "цель", "hedef"}) {
      const std::size_t at = lower.find(word);
      if (at != std::string_view::npos) {
        update.target = first_integer_after(lower, at + word.size());
        if (update.target) break;
      }
    }
    return update;
  }
  if (contains_any(lower, {"entry filled", "entries filled", "filled", "вход исполнен", "вошли",
                           "girildi", "khớp lệnh", "executad"})) {
    update.kind = UpdateKind::kEntryFilled;
    return update;
  }
  if (contains_any(lower, {"close ", "closed", "closing", "закрыва", "закрыт", "закрой", "kapat",
                           "đóng", "cerrar", "cerrad", "fechar", "fechad", "book ", "off the table",
                           "secure profit", "фиксир", "realiz"})) {
    update.kind = UpdateKind::kClose;
    if (contains_any(lower, {"half", "половин", "yarı", "một nửa", "mitad", "metade"})) {
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
