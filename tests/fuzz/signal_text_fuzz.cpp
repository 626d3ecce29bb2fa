// libFuzzer target for the signal-post parser and its number and symbol normalisers: any bytes
// give a result, never a crash or a hang; spans stay inside the text; a number read back from its
// own text is the same number, and a symbol read back from its own text is the same symbol.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "signals/number_text.hpp"
#include "signals/signal_parser.hpp"
#include "signals/symbol_text.hpp"

namespace {

void require(bool condition, const char* property) {
  if (condition) return;
  std::fprintf(stderr, "signal_text_fuzz: %s\n", property);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto number = sigtrader::signals::parse_number_text(text)) {
    const auto again = sigtrader::signals::parse_number_text(number->to_string());
    require(again.has_value() && *again == *number, "a number's own text reads back the same");
    require(!number->is_negative(), "prices are never negative");
  }
  if (const auto symbol = sigtrader::signals::parse_symbol_text(text)) {
    const auto again = sigtrader::signals::parse_symbol_text(symbol->to_string());
    require(again.has_value() && *again == *symbol, "a symbol's own text reads back the same");
  }
  const auto parsed = sigtrader::signals::parse_signal(text);
  require(parsed.label == "long" || parsed.label == "short" || parsed.label == "update" ||
              parsed.label == "none",
          "a known label");
  for (const auto& field : parsed.targets) {
    require(field.span.begin <= field.span.end && field.span.end <= text.size(),
            "spans inside the text");
  }
  for (const auto& field : parsed.entries) {
    require(field.span.end <= text.size(), "spans inside the text");
  }
  return 0;
}
