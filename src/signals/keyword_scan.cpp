#include "signals/keyword_scan.hpp"

#include <algorithm>

namespace sigtrader::signals {
namespace {

// The code point of the UTF-8 character that starts at `at`, or -1 when the bytes are not one.
std::int32_t code_point_at(std::string_view text, std::size_t at) {
  const auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return lead;
  std::size_t length = 0;
  std::int32_t point = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    point = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    point = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    point = lead & 0x07;
  } else {
    return -1;
  }
  if (at + length > text.size()) return -1;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return -1;
    point = (point << 6) | (byte(at + i) & 0x3F);
  }
  return point;
}

// Letters of the scripts channels write in: Latin (with its accents and Vietnamese), Greek,
// Cyrillic, Arabic, Thai, Hangul, Kana and CJK ideographs. Symbols, arrows and emojis are not.
bool is_letter(std::int32_t point) {
  if (point < 0x80) return (point >= 'a' && point <= 'z') || (point >= 'A' && point <= 'Z');
  return (point >= 0xC0 && point <= 0x24F && point != 0xD7 && point != 0xF7) ||
         (point >= 0x370 && point <= 0x52F) || (point >= 0x600 && point <= 0x6FF) ||
         (point >= 0xE00 && point <= 0xE7F) || (point >= 0x1E00 && point <= 0x1EFF) ||
         (point >= 0x3040 && point <= 0x30FF) || (point >= 0x4E00 && point <= 0x9FFF) ||
         (point >= 0xAC00 && point <= 0xD7AF);
}

}  // namespace

bool letter_before(std::string_view text, std::size_t at) {
  if (at == 0 || at > text.size()) return false;
  std::size_t start = at - 1;
  // Back over at most three continuation bytes to the character's lead byte.
  while (start > 0 && at - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  const std::int32_t point = code_point_at(text.substr(0, at), start);
  return point >= 0 && is_letter(point);
}

bool letter_at(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  const std::int32_t point = code_point_at(text, at);
  return point >= 0 && is_letter(point);
}

KeywordSet::KeywordSet(std::span<const Keyword> words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!words[i].text.empty()) entries_.push_back({words[i].text, words[i].edge, i});
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    const auto first_a = static_cast<unsigned char>(a.text[0]);
    const auto first_b = static_cast<unsigned char>(b.text[0]);
    if (first_a != first_b) return first_a < first_b;
    return a.text.size() > b.text.size();
  });
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    Bucket& bucket = buckets_[static_cast<unsigned char>(entries_[k].text[0])];
    if (bucket.begin == bucket.end) bucket.begin = static_cast<std::uint16_t>(k);
    bucket.end = static_cast<std::uint16_t>(k + 1);
    if (entries_[k].text.size() == 1) {
      bucket.short_word = true;
    } else {
      bucket.second_bytes.set(static_cast<unsigned char>(entries_[k].text[1]));
    }
  }
}

bool KeywordSet::fits(std::string_view lower, std::size_t at, const Entry& entry) {
  if (entry.edge == WordEdge::kAnywhere) return true;
  if (letter_before(lower, at)) return false;
  return entry.edge == WordEdge::kPrefix || !letter_at(lower, at + entry.text.size());
}

}  // namespace sigtrader::signals
