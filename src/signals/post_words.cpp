#include "signals/post_words.hpp"

#include <array>
#include <vector>

namespace sigtrader::signals {
namespace {

using core::PositionSide;
constexpr WordEdge kWord = WordEdge::kWord;
constexpr WordEdge kPrefix = WordEdge::kPrefix;
constexpr WordEdge kAnywhere = WordEdge::kAnywhere;

constexpr PostWord field(std::string_view text, Field which, WordEdge edge = kWord) {
  return {{text, edge}, WordKind::kField, which};
}
constexpr PostWord side(std::string_view text, PositionSide which, WordEdge edge = kWord) {
  return {{text, edge}, WordKind::kSide, Field::kEntry, which};
}
constexpr PostWord word(std::string_view text, WordKind kind) {
  return {{text, kAnywhere}, kind};
}

// Where one label contains another ("stop targets", "targets"), the longest one found at a place
// is the label.
constexpr PostWord kWords[] = {
    // Entries.
    field("entry zone", Field::kEntry),
    field("entry price", Field::kEntry),
    field("entry targets", Field::kEntry),
    field("entries", Field::kEntry),
    field("entry", Field::kEntry),
    field("enter", Field::kEntry),
    field("buy zone", Field::kEntry),
    field("buy between", Field::kEntry),
    field("buy around", Field::kEntry),
    field("sell zone", Field::kEntry),
    field("sell between", Field::kEntry),
    field("sell around", Field::kEntry),
    field("short zone", Field::kEntry),
    field("long zone", Field::kEntry),
    field("accumulate", Field::kEntry),
    field("accumulation zone", Field::kEntry),
    field("between", Field::kEntry),
    field("open", Field::kEntry),
    field("вход", Field::kEntry, kPrefix),
    field("точка входа", Field::kEntry),
    field("giriş", Field::kEntry),
    field("giris", Field::kEntry),
    field("vào lệnh", Field::kEntry),
    field("điểm vào", Field::kEntry),
    field("entrada", Field::kEntry),
    field("入场", Field::kEntry),
    // Targets.
    field("take profit targets", Field::kTarget),
    field("take profit", Field::kTarget),
    field("take-profit", Field::kTarget),
    field("sell targets", Field::kTarget),
    field("targets", Field::kTarget),
    field("target", Field::kTarget),
    field("tp", Field::kTarget, kPrefix),
    field("тп", Field::kTarget, kPrefix),
    field("тейк", Field::kTarget, kPrefix),
    field("цел", Field::kTarget, kPrefix),
    field("hedef", Field::kTarget, kPrefix),
    field("chốt lời", Field::kTarget),
    field("mục tiêu", Field::kTarget),
    field("alvo", Field::kTarget, kPrefix),
    field("objetivo", Field::kTarget, kPrefix),
    field("止盈", Field::kTarget),
    field("目标", Field::kTarget),
    field("\xf0\x9f\x8e\xaf", Field::kTarget, kAnywhere),  // 🎯 before each target
    // Stops.
    field("stop loss", Field::kStop),
    field("stop-loss", Field::kStop),
    field("stoploss", Field::kStop),
    field("stop targets", Field::kStop),
    field("stop", Field::kStop),
    field("sl", Field::kStop),
    field("сл", Field::kStop),
    field("стоп", Field::kStop, kPrefix),
    field("zarar durdur", Field::kStop),
    field("cắt lỗ", Field::kStop),
    field("dừng lỗ", Field::kStop),
    field("止损", Field::kStop),
    field("invalidation", Field::kStop),
    // Leverage.
    field("leverage", Field::kLeverage),
    field("lev", Field::kLeverage),
    field("плечо", Field::kLeverage),
    field("kaldıraç", Field::kLeverage),
    field("đòn bẩy", Field::kLeverage),
    field("杠杆", Field::kLeverage),
    field("apalancamiento", Field::kLeverage),
    field("alavancagem", Field::kLeverage),
    // Directions.
    side("long", PositionSide::kLong),
    side("buy", PositionSide::kLong),
    side("лонг", PositionSide::kLong),
    side("покупка", PositionSide::kLong),
    side("купить", PositionSide::kLong),
    side("alış", PositionSide::kLong),
    side("al", PositionSide::kLong),
    side("mua", PositionSide::kLong),
    side("做多", PositionSide::kLong),
    side("شراء", PositionSide::kLong),
    side("compra", PositionSide::kLong),
    side("comprar", PositionSide::kLong),
    side("longuear", PositionSide::kLong),
    side("largo", PositionSide::kLong),
    side("accumulate", PositionSide::kLong),  // spot buying in steps
    side("short", PositionSide::kShort),
    side("corto", PositionSide::kShort),
    side("sell", PositionSide::kShort),
    side("шорт", PositionSide::kShort),
    side("продажа", PositionSide::kShort),
    side("продать", PositionSide::kShort),
    side("satış", PositionSide::kShort),
    side("sat", PositionSide::kShort),
    side("bán", PositionSide::kShort),
    side("做空", PositionSide::kShort),
    side("بيع", PositionSide::kShort),
    side("venta", PositionSide::kShort),
    side("vender", PositionSide::kShort),
    side("venda", PositionSide::kShort),
    side("\xf0\x9f\x9f\xa2", PositionSide::kLong, kAnywhere),   // 🟢
    side("\xf0\x9f\x93\x88", PositionSide::kLong, kAnywhere),   // 📈
    side("\xf0\x9f\x94\xb4", PositionSide::kShort, kAnywhere),  // 🔴
    side("\xf0\x9f\x93\x89", PositionSide::kShort, kAnywhere),  // 📉
    // Market entries.
    word("market", WordKind::kMarket),
    word("cmp", WordKind::kMarket),
    word("now", WordKind::kMarket),
    word("по рынку", WordKind::kMarket),
    word("piyasa", WordKind::kMarket),
    word("giá hiện tại", WordKind::kMarket),
    word("mercado", WordKind::kMarket),
    // Margin modes.
    word("isolated", WordKind::kIsolated),
    word("изолир", WordKind::kIsolated),
    word("izole", WordKind::kIsolated),
    word("cô lập", WordKind::kIsolated),
    word("逐仓", WordKind::kIsolated),
    word("aislad", WordKind::kIsolated),
    word("isolad", WordKind::kIsolated),
    word("cross", WordKind::kCross),
    word("кросс", WordKind::kCross),
    word("çapraz", WordKind::kCross),
    word("全仓", WordKind::kCross),
    word("cruzad", WordKind::kCross),
    // Guides to a channel's format, pinned by many channels, are not signals.
    word("how to read", WordKind::kGuide),
    word("как читать", WordKind::kGuide),
    word("cách đọc", WordKind::kGuide),
};

}  // namespace

std::span<const PostWord> post_words() {
  return kWords;
}

const KeywordSet& post_word_set() {
  static const KeywordSet set = [] {
    std::vector<Keyword> keywords;
    for (const PostWord& word : kWords)
      keywords.push_back(word.keyword);
    return KeywordSet(keywords);
  }();
  return set;
}

}  // namespace sigtrader::signals
