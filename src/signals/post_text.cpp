#include "signals/post_text.hpp"

namespace sigtrader::signals {

// ASCII and Cyrillic letters lowered in place; every other byte kept, so offsets stay valid.
std::string lower_post_text(std::string_view text) {
  std::string out;
  lower_post_text_into(text, out);
  return out;
}

void lower_post_text_into(std::string_view text, std::string& out) {
  out.assign(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    auto& c = reinterpret_cast<unsigned char&>(out[i]);
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c + 32);
    } else if (c == 0xD0 && i + 1 < out.size()) {
      auto& next = reinterpret_cast<unsigned char&>(out[i + 1]);
      if (next >= 0x90 && next <= 0x9F) {  // А..П → а..п
        next = static_cast<unsigned char>(next + 0x20);
      } else if (next >= 0xA0 && next <= 0xAF) {  // Р..Я → р..я
        c = 0xD1;
        next = static_cast<unsigned char>(next - 0x20);
      }
      ++i;
    }
  }
}

// A byte of a multi-byte UTF-8 letter (Cyrillic, Vietnamese, Turkish), for word boundaries.
bool is_word_byte(char c) {
  return is_ascii_letter(c) ||
         (static_cast<unsigned char>(c) >= 0x80 && static_cast<unsigned char>(c) != 0xE2 &&
          static_cast<unsigned char>(c) != 0xF0);
}

// Occurrences of `word` in `lower` that stand alone (no letter right before it, and no letter
// right after it unless `prefix` allows a longer word: "цел" matches "цели").
std::vector<std::size_t> find_words(std::string_view lower, std::string_view word, bool prefix) {
  std::vector<std::size_t> found;
  for (std::size_t at = lower.find(word); at != std::string_view::npos;
       at = lower.find(word, at + 1)) {
    const bool starts = at == 0 || !is_word_byte(lower[at - 1]);
    const std::size_t end = at + word.size();
    const bool ends = prefix || end >= lower.size() || !is_word_byte(lower[end]);
    if (starts && ends) found.push_back(at);
  }
  return found;
}

bool starts_with_at(std::string_view text, std::size_t at, std::string_view what) {
  return text.substr(at).starts_with(what);
}

bool contains_any(std::string_view lower, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (lower.find(word) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace sigtrader::signals
