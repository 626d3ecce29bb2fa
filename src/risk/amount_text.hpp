#pragma once

#include <string>

#include "core/decimal.hpp"
#include "core/money.hpp"

namespace sigtrader::risk {

// An amount as people write it, without trailing fraction zeros: "16.80000" → "16.8",
// "41400.00" → "41400". For the texts of notes and reasons; exact values stay decimals.
inline std::string amount_text(core::Decimal value) {
  std::string text = value.to_string();
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0')
      text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}
template <typename Tag>
std::string amount_text(core::FixedPoint<Tag> value) {
  return amount_text(value.decimal());
}

}  // namespace sigtrader::risk
