#pragma once

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "signals/post_text.hpp"

// Finding many keywords in one pass over a lowered post. Words are bucketed by their first byte,
// so each byte of the text is compared only with the few words that start with it, instead of
// searching the whole text once per word.
namespace sigtrader::signals {

// Where a keyword may stand: anywhere ("закрыва" inside "закрываем"), as a whole word ("sl"), or
// at the start of a word ("цел" in "цели").
enum class WordEdge : std::uint8_t { kAnywhere, kWord, kPrefix };

struct Keyword {
  std::string_view text;  // lowered as lower_post_text() lowers
  WordEdge edge;
};

struct KeywordHit {
  std::size_t begin;
  std::size_t end;
  std::size_t index;  // of the word in the list the set was built from
};

// Whether a letter of any script ends right before `at` (the whole UTF-8 character is decoded:
// "П" in "ТП1" is a letter, the last byte of an emoji is not).
bool letter_before(std::string_view text, std::size_t at);
// Whether a letter of any script starts at `at`.
bool letter_at(std::string_view text, std::size_t at);

class KeywordSet {
 public:
  explicit KeywordSet(std::span<const Keyword> words);

  // Calls on_hit(KeywordHit) for every occurrence of every word, in text order; at one position,
  // longer words first.
  template <typename OnHit>
  void scan(std::string_view lower, OnHit&& on_hit) const {
    for (std::size_t at = 0; at < lower.size(); ++at) {
      const Bucket& bucket = buckets_[static_cast<unsigned char>(lower[at])];
      if (bucket.begin == bucket.end) continue;
      // Most places are ruled out by their first two bytes alone.
      if (at + 1 < lower.size() && !bucket.short_word &&
          !bucket.second_bytes.test(static_cast<unsigned char>(lower[at + 1]))) {
        continue;
      }
      const bool inside_word = at > 0 && is_ascii_letter(lower[at - 1]);
      for (std::uint16_t k = bucket.begin; k < bucket.end; ++k) {
        const Entry& entry = entries_[k];
        if (inside_word && entry.edge != WordEdge::kAnywhere) continue;
        if (!matches_at(lower, at, entry.text)) continue;
        if (fits(lower, at, entry)) on_hit(KeywordHit{at, at + entry.text.size(), entry.index});
      }
    }
  }

 private:
  struct Entry {
    std::string_view text;
    WordEdge edge;
    std::size_t index;
  };
  struct Bucket {
    std::uint16_t begin = 0;
    std::uint16_t end = 0;
    bool short_word = false;          // a one-byte word starts here
    std::bitset<256> second_bytes{};  // the second bytes of the words that start here
  };

  // A byte loop rather than memcmp: words are short and most differ from the text in their
  // second byte, so a library call per candidate would cost more than the comparison.
  static bool matches_at(std::string_view lower, std::size_t at, std::string_view word) {
    if (lower.size() - at < word.size()) return false;
    const char* text = lower.data() + at;
    for (std::size_t i = 1; i < word.size(); ++i) {
      if (text[i] != word[i]) return false;
    }
    return true;
  }
  static bool fits(std::string_view lower, std::size_t at, const Entry& entry);

  std::vector<Entry> entries_;  // grouped by first byte, longest first within a group
  std::array<Bucket, 256> buckets_{};
};

}  // namespace sigtrader::signals
