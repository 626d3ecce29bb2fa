#include "storage/price_list.hpp"

#include <fmt/format.h>

namespace sigtrader::storage {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

core::Error malformed(std::string_view text, std::string_view expected) {
  return core::Error(core::ErrorCode::kParse,
                     fmt::format("price list '{}' is malformed: expected {}", text, expected));
}

}  // namespace

std::string encode_price_list(const std::vector<core::Price>& prices) {
  std::string out = "[";
  for (std::size_t i = 0; i < prices.size(); ++i) {
    if (i > 0) out += ',';
    // Decimal text has only digits, '-' and '.', so it needs no JSON escaping.
    out += '"';
    out += prices[i].to_string();
    out += '"';
  }
  out += ']';
  return out;
}

core::Result<std::vector<core::Price>> decode_price_list(std::string_view text) {
  std::size_t at = 0;
  const auto skip_spaces = [&] {
    while (at < text.size() && is_space(text[at]))
      ++at;
  };
  skip_spaces();
  if (at == text.size() || text[at] != '[') return malformed(text, "'[' to start it");
  ++at;
  std::vector<core::Price> prices;
  skip_spaces();
  if (at < text.size() && text[at] == ']') {
    ++at;
  } else {
    for (;;) {
      skip_spaces();
      if (at == text.size() || text[at] != '"') return malformed(text, "a quoted decimal");
      const std::size_t close = text.find('"', at + 1);
      if (close == std::string_view::npos) return malformed(text, "a closing '\"'");
      auto price = core::Price::try_parse(text.substr(at + 1, close - at - 1));
      if (!price) return price.error().with_context(fmt::format("price list '{}'", text));
      prices.push_back(*price);
      at = close + 1;
      skip_spaces();
      if (at < text.size() && text[at] == ',') {
        ++at;
        continue;
      }
      if (at < text.size() && text[at] == ']') {
        ++at;
        break;
      }
      return malformed(text, "',' or ']' after a price");
    }
  }
  skip_spaces();
  if (at != text.size()) return malformed(text, "nothing after ']'");
  return prices;
}

}  // namespace sigtrader::storage
