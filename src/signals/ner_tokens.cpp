#include "signals/ner_tokens.hpp"

#include <optional>

namespace sigtrader::signals {
namespace {

constexpr std::string_view kPunctuation = ",:;()[]{}!?\"'|=-.";
constexpr std::string_view kNoBreakSpace = "\xc2\xa0";

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// The length of the whitespace at `at` (0 when there is none).
std::size_t space_at(std::string_view text, std::size_t at) {
  if (is_space(text[at])) return 1;
  if (starts_with_at(text, at, kNoBreakSpace)) return kNoBreakSpace.size();
  return 0;
}

// True when the byte at `at` is punctuation that stands alone: a separator of digits ("42,500.5")
// does not.
bool splits_at(std::string_view text, std::size_t at) {
  const char c = text[at];
  if (kPunctuation.find(c) == std::string_view::npos) return false;
  if (c == ',' || c == '.') {
    const bool digit_before = at > 0 && is_digit(text[at - 1]);
    const bool digit_after = at + 1 < text.size() && is_digit(text[at + 1]);
    if (digit_before && digit_after) return false;
  }
  return true;
}

struct FieldSpan {
  TextSpan span;
  std::string_view kind;
};

void add_field(std::vector<FieldSpan>& fields, const std::optional<EntityValue>& entity,
               std::string_view kind) {
  if (entity && entity->span && entity->span->begin < entity->span->end) {
    fields.push_back({*entity->span, kind});
  }
}

void add_fields(std::vector<FieldSpan>& fields, const std::vector<EntityValue>& entities,
                std::string_view kind) {
  for (const EntityValue& entity : entities)
    add_field(fields, entity, kind);
}

}  // namespace

std::vector<PostToken> tokenize_post(std::string_view text) {
  std::vector<PostToken> tokens;
  std::size_t word_begin = 0;
  bool in_word = false;
  const auto end_word = [&](std::size_t at) {
    if (in_word) tokens.push_back({text.substr(word_begin, at - word_begin), {word_begin, at}});
    in_word = false;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (const std::size_t space = space_at(text, i); space > 0) {
      end_word(i);
      i += space;
    } else if (splits_at(text, i)) {
      end_word(i);
      tokens.push_back({text.substr(i, 1), {i, i + 1}});
      ++i;
    } else {
      if (!in_word) word_begin = i;
      in_word = true;
      ++i;
    }
  }
  end_word(text.size());
  return tokens;
}

std::vector<TaggedToken> bio_tag(std::string_view text, const LabelEntities& entities) {
  std::vector<FieldSpan> fields;
  add_field(fields, entities.symbol, "SYMBOL");
  add_field(fields, entities.side, "SIDE");
  add_fields(fields, entities.entries, "ENTRY");
  add_fields(fields, entities.targets, "TARGET");
  add_field(fields, entities.stop_loss, "STOP_LOSS");
  add_field(fields, entities.leverage, "LEVERAGE");

  std::vector<bool> started(fields.size(), false);
  std::vector<TaggedToken> tagged;
  for (const PostToken& token : tokenize_post(text)) {
    TaggedToken out{.text = token.text, .tag = "O"};
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const TextSpan& span = fields[f].span;
      if (token.span.begin < span.end && span.begin < token.span.end) {
        out.tag = std::string(started[f] ? "I-" : "B-") + std::string(fields[f].kind);
        started[f] = true;
        break;
      }
    }
    tagged.push_back(std::move(out));
  }
  return tagged;
}

}  // namespace sigtrader::signals
