#pragma once

#include <cstdint>
#include <span>

#include "core/side.hpp"
#include "signals/keyword_scan.hpp"

// The words the signal parser looks for in a post, in the languages it reads, as one table so a
// single scan of the lowered post finds them all.
namespace sigtrader::signals {

enum class WordKind : std::uint8_t {
  kField,     // a label that introduces a field: "Entry", "TP", "SL", "Вход", "Hedef"
  kSide,      // a direction: "long", "шорт", "🟢"
  kMarket,    // an entry at the market price: "market", "CMP", "now"
  kIsolated,  // margin modes
  kCross,
  kGuide,  // a post that explains how to read the signals: "how to read", "как читать"
};

enum class Field : std::uint8_t { kEntry, kTarget, kStop, kLeverage };

struct PostWord {
  Keyword keyword;
  WordKind kind;
  Field field = Field::kEntry;                          // of kField words
  core::PositionSide side = core::PositionSide::kLong;  // of kSide words
};

std::span<const PostWord> post_words();
// The post words as one set; a hit's index is into post_words().
const KeywordSet& post_word_set();

}  // namespace sigtrader::signals
