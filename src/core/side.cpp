#include "core/side.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace sigtrader::core {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<OrderSide> parse_order_side(std::string_view text) {
  const auto word = lower(text);
  if (word == "buy") return OrderSide::kBuy;
  if (word == "sell") return OrderSide::kSell;
  return std::nullopt;
}

std::optional<PositionSide> parse_position_side(std::string_view text) {
  const auto word = lower(text);
  if (word == "long") return PositionSide::kLong;
  if (word == "short") return PositionSide::kShort;
  return std::nullopt;
}

}  // namespace sigtrader::core
