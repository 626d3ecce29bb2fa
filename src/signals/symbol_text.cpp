#include "signals/symbol_text.hpp"

#include <array>
#include <string>

namespace sigtrader::signals {
namespace {

// Longest first, so that "FDUSD" wins over "USD".
constexpr std::array<std::string_view, 11> kQuotes{"FDUSD", "USDT", "USDC", "BUSD", "TUSD", "USD",
                                                   "BTC",   "ETH",  "BNB",  "EUR",  "TRY"};

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool is_coin(std::string_view text) {
  if (text.size() < 2 || text.size() > 15) return false;
  bool letter = false;
  for (char c : text) {
    const bool is_letter = c >= 'A' && c <= 'Z';
    if (!is_letter && !(c >= '0' && c <= '9')) return false;
    letter = letter || is_letter;
  }
  return letter;
}

bool is_quote(std::string_view text) {
  for (std::string_view quote : kQuotes) {
    if (text == quote) return true;
  }
  return false;
}

}  // namespace

std::optional<core::Symbol> parse_symbol_text(std::string_view text) {
  while (!text.empty() && (text.front() == '#' || text.front() == '$'))
    text.remove_prefix(1);
  std::string token = upper(text);
  for (std::string_view suffix : {".P", "PERP", "-PERP", "_PERP", "-SWAP", "SWAP"}) {
    if (token.size() > suffix.size() && token.ends_with(suffix)) {
      token.resize(token.size() - suffix.size());
      break;
    }
  }
  while (!token.empty() && (token.back() == '-' || token.back() == '_'))
    token.pop_back();

  const std::size_t split = token.find_first_of("/-_:");
  if (split != std::string::npos) {
    const std::string base = token.substr(0, split);
    const std::string quote = token.substr(split + 1);
    if (!is_coin(base) || !is_quote(quote)) return std::nullopt;
    return core::Symbol{base, quote};
  }
  for (std::string_view quote : kQuotes) {
    if (token.size() >= quote.size() + 2 && token.ends_with(quote)) {
      const std::string base = token.substr(0, token.size() - quote.size());
      if (is_coin(base)) return core::Symbol{base, std::string(quote)};
    }
  }
  if (!is_coin(token) || token == "USDT") return std::nullopt;
  return core::Symbol{token, "USDT"};
}

}  // namespace sigtrader::signals
