#include "bus/secret_masking.hpp"

#include <algorithm>
#include <cctype>

#include "core/secret_names.hpp"

namespace sigtrader::bus {
namespace {

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

bool ends_value(char c) {
  return c == '&' || c == '"' || c == '\'' || c == ',' || c == '}' || c == ';' ||
         std::isspace(static_cast<unsigned char>(c));
}

bool starts_with_ci(std::string_view text, std::size_t pos, std::string_view word) {
  if (pos + word.size() > text.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[pos + i])) != word[i]) return false;
  }
  return true;
}

}  // namespace

SecretMasker::SecretMasker(std::vector<std::string> extra_keys) {
  for (const auto& key : extra_keys)
    extra_keys_.push_back(core::fold_key_name(key));
}

bool SecretMasker::is_secret_key(std::string_view key) const {
  if (core::is_secret_key_name(key)) return true;
  return std::find(extra_keys_.begin(), extra_keys_.end(), core::fold_key_name(key)) !=
         extra_keys_.end();
}

void SecretMasker::mask(boost::json::value& value) const {
  if (auto* object = value.if_object()) {
    for (auto& entry : *object) {
      if (is_secret_key(std::string_view(entry.key().data(), entry.key().size()))) {
        entry.value() =
            boost::json::string_view(core::kMaskedValue.data(), core::kMaskedValue.size());
      } else {
        mask(entry.value());
      }
    }
  } else if (auto* array = value.if_array()) {
    for (auto& element : *array)
      mask(element);
  } else if (auto* text = value.if_string()) {
    const std::string_view original(text->data(), text->size());
    std::string masked = mask_text(original);
    if (masked != original) *text = masked;
  }
}

std::string SecretMasker::mask_text(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    // "Bearer <token>" in an Authorization header copied into a message.
    if (starts_with_ci(text, pos, "bearer ") && (pos == 0 || !is_key_char(text[pos - 1]))) {
      out.append(text.substr(pos, 7)).append(core::kMaskedValue);
      pos += 7;
      while (pos < text.size() && !ends_value(text[pos]))
        ++pos;
      continue;
    }
    // Telegram Bot API URLs carry the token in the path: /bot123456:ABC.../getUpdates.
    if (starts_with_ci(text, pos, "/bot") && pos + 4 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[pos + 4]))) {
      std::size_t end = pos + 4;
      while (end < text.size() && text[end] != '/' && !ends_value(text[end]))
        ++end;
      if (text.substr(pos + 4, end - pos - 4).find(':') != std::string_view::npos) {
        out.append("/bot").append(core::kMaskedValue);
        pos = end;
        continue;
      }
    }
    if (!is_key_char(text[pos]) || (pos > 0 && is_key_char(text[pos - 1]))) {
      out.push_back(text[pos++]);
      continue;
    }
    // A word: if it is a secret key followed by '=' or ':', mask the value after it.
    std::size_t end = pos;
    while (end < text.size() && is_key_char(text[end]))
      ++end;
    const std::string_view word = text.substr(pos, end - pos);
    out.append(word);
    pos = end;
    if (!is_secret_key(word)) continue;
    std::size_t cursor = pos;
    if (cursor < text.size() && (text[cursor] == '"' || text[cursor] == '\'')) ++cursor;
    while (cursor < text.size() && text[cursor] == ' ')
      ++cursor;
    if (cursor >= text.size() || (text[cursor] != '=' && text[cursor] != ':')) continue;
    ++cursor;
    while (cursor < text.size() && text[cursor] == ' ')
      ++cursor;
    if (cursor < text.size() && (text[cursor] == '"' || text[cursor] == '\'')) ++cursor;
    if (starts_with_ci(text, cursor, "bearer ")) cursor += 7;
    std::size_t value_end = cursor;
    while (value_end < text.size() && !ends_value(text[value_end]))
      ++value_end;
    if (value_end == cursor) continue;
    out.append(text.substr(pos, cursor - pos)).append(core::kMaskedValue);
    pos = value_end;
  }
  return out;
}

}  // namespace sigtrader::bus
