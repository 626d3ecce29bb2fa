#include "core/instrument.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace sigtrader::core {
namespace {

bool is_asset_name(std::string_view text) {
  return !text.empty() && text.size() <= 20 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c); });
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

Status joined(const std::vector<std::string>& problems, std::string_view prefix) {
  if (problems.empty()) return {};
  std::string message(prefix);
  for (std::size_t i = 0; i < problems.size(); ++i) {
    message += (i == 0 ? ": " : "; ");
    message += problems[i];
  }
  return Error(ErrorCode::kRejected, std::move(message));
}

}  // namespace

Result<Symbol> Symbol::try_parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || !is_asset_name(text.substr(0, slash)) ||
      !is_asset_name(text.substr(slash + 1))) {
    return Error(
        ErrorCode::kParse,
        fmt::format("\"{}\" is not a symbol (expected BASE/QUOTE such as BTC/USDT)", text));
  }
  return Symbol{upper(text.substr(0, slash)), upper(text.substr(slash + 1))};
}

std::string_view to_string(InstrumentKind kind) {
  return kind == InstrumentKind::kSpot ? "spot" : "perpetual";
}

std::optional<InstrumentKind> parse_instrument_kind(std::string_view text) {
  if (text == "spot") return InstrumentKind::kSpot;
  if (text == "perpetual") return InstrumentKind::kPerpetual;
  return std::nullopt;
}

Status Instrument::validate() const {
  std::vector<std::string> problems;
  if (!tick_size.is_positive()) {
    problems.push_back(fmt::format("tick size {} must be positive", tick_size.to_string()));
  }
  if (!step_size.is_positive()) {
    problems.push_back(fmt::format("step size {} must be positive", step_size.to_string()));
  }
  if (min_qty.is_negative()) {
    problems.push_back(fmt::format("min qty {} must not be negative", min_qty.to_string()));
  }
  if (min_notional.is_negative()) {
    problems.push_back(
        fmt::format("min notional {} must not be negative", min_notional.to_string()));
  }
  if (max_leverage < 1 || (kind == InstrumentKind::kSpot && max_leverage != 1)) {
    problems.push_back(fmt::format("max leverage {} must be {}", max_leverage,
                                   kind == InstrumentKind::kSpot ? "1 for spot" : "at least 1"));
  }
  return joined(problems, fmt::format("instrument {} on {}", symbol.to_string(), venue));
}

Status Instrument::validate_order(OrderSide side, Quantity quantity, std::optional<Price> price,
                                  int leverage) const {
  std::vector<std::string> problems;
  if (!quantity.is_positive()) {
    problems.push_back(fmt::format("quantity {} must be positive", quantity.to_string()));
  } else {
    if (!quantity.is_multiple_of(step_size)) {
      problems.push_back(fmt::format("quantity {} is not a multiple of the step size {}",
                                     quantity.to_string(), step_size.to_string()));
    }
    if (quantity < min_qty) {
      problems.push_back(fmt::format("quantity {} is below the minimum quantity {}",
                                     quantity.to_string(), min_qty.to_string()));
    }
  }
  if (price) {
    if (!price->is_positive()) {
      problems.push_back(fmt::format("price {} must be positive", price->to_string()));
    } else {
      if (!price->is_multiple_of(tick_size)) {
        problems.push_back(fmt::format("price {} is not a multiple of the tick size {}",
                                       price->to_string(), tick_size.to_string()));
      }
      if (quantity.is_positive()) {
        auto notional = checked_mul(price->decimal(), quantity.decimal());
        if (!notional) {
          problems.push_back(fmt::format("notional of {} × {} is out of range", price->to_string(),
                                         quantity.to_string()));
        } else if (Money(*notional) < min_notional) {
          problems.push_back(fmt::format("notional {} is below the minimum notional {}",
                                         notional->to_string(), min_notional.to_string()));
        }
      }
    }
  }
  if (leverage < 1 || leverage > max_leverage) {
    problems.push_back(fmt::format("leverage {}x is outside 1x..{}x", leverage, max_leverage));
  }
  return joined(problems, fmt::format("{} order for {} on {} rejected", to_string(side),
                                      symbol.to_string(), venue));
}

}  // namespace sigtrader::core
