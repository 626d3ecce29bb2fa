#pragma once

#include <optional>
#include <string_view>

#include "core/instrument.hpp"

namespace sigtrader::signals {

// A coin as channels name it, as BASE/QUOTE: "BTCUSDT", "BTC/USDT", "btc-usdt", "#BTC", "$ETH",
// "BTC-PERP", "BTCUSDT.P", "1000PEPE", "1000PEPEUSDT", "ETH/BTC", "SOL:USDT". The quote is USDT
// when the text names none (a perpetual suffix PERP/SWAP names none either). A joined pair is split
// at the longest known quote it ends with (USDT, USDC, FDUSD, BUSD, TUSD, USD, BTC, ETH, BNB, EUR,
// TRY) when a base of at least two characters remains. The base is 2 to 15 letters and digits with
// at least one letter. nullopt when the text is not a coin.
std::optional<core::Symbol> parse_symbol_text(std::string_view text);

}  // namespace sigtrader::signals
