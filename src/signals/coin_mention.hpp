#pragma once

#include <optional>
#include <string_view>

#include "core/instrument.hpp"
#include "signals/post_text.hpp"

namespace sigtrader::signals {

// The coin a post is about, with where it is written, and how many different coins the post
// marks with '#' or '$' (a recap of several trades marks many).
struct CoinMention {
  core::Symbol symbol;
  TextSpan span;
  int marked_coins = 0;
};

// The strongest coin mention of a post: a marked coin ("#PYTH", "$ETH") before a written pair
// ("BTC/USDT", "BTCUSDT") before a word in capitals ("SOL") before a well-known coin written in
// lower case ("pepe"). Words in capitals that are not coins ("LONG", "VIP", "TP") are left out.
std::optional<CoinMention> find_coin(std::string_view text);

}  // namespace sigtrader::signals
