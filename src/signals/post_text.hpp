#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

// Reading the text of a post: keyword search that respects word boundaries in any script, on a
// lowered copy whose byte offsets match the original, so spans found in one hold in the other.
namespace sigtrader::signals {

// Where in the post a value was read: byte offsets [begin, end) into the text.
struct TextSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// ASCII and Cyrillic letters lowered; every other byte kept, so offsets stay valid.
std::string lower_post_text(std::string_view text);
// The same into `out`, whose capacity is reused: the parser lowers every post without allocating.
void lower_post_text_into(std::string_view text, std::string& out);

inline bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
// A byte of a letter in any script (ASCII or the bytes of a multi-byte UTF-8 letter), for word
// boundaries; the lead bytes of symbols and emojis do not count.
bool is_word_byte(char c);

// Offsets of `word` in `lower` where it stands alone; with `prefix`, a longer word may follow
// ("цел" matches "цели").
std::vector<std::size_t> find_words(std::string_view lower, std::string_view word, bool prefix);
bool contains_any(std::string_view lower, std::initializer_list<std::string_view> words);
bool starts_with_at(std::string_view text, std::size_t at, std::string_view what);

}  // namespace sigtrader::signals
