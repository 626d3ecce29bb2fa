#pragma once

#include <boost/json/object.hpp>

#include "signals/understood_post.hpp"

namespace sigtrader::signals {

// Adds what was understood of a post to `out` (replacing keys of the same name): "label",
// "confidence", "classifier", "symbol", "side", "entries", "entry_market", "targets",
// "stop_loss", "leverage", "margin_mode", "update" ({"kind", "target", "fraction"} or null),
// "warnings" and "spans" (byte offsets [begin, end) of each field in the text). Prices are
// strings holding the normalised decimal ("42500.5"), so no digit is lost to a double.
void put_understood_post(boost::json::object& out, const UnderstoodPost& post);

}  // namespace sigtrader::signals
