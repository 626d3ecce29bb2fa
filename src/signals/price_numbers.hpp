#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "signals/post_text.hpp"

namespace sigtrader::signals {

// A number of a post that can be a price, or a percentage ("3%").
struct NumberToken {
  core::Decimal value;
  TextSpan span;
  bool percent = false;
};

// Appends to `out` the numbers of text[from, to) that can be prices or percentages. List indexes
// ("1)", "TP1", "ТП2", "1️⃣"), leverage ("10x", "х20"), times and dates are left out.
void append_price_numbers(std::string_view text, std::size_t from, std::size_t to,
                          std::vector<NumberToken>& out);

}  // namespace sigtrader::signals
