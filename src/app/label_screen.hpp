#pragma once

#include <optional>
#include <string>

#include "app/label_session.hpp"

namespace sigtrader::app {

// The text of the labeling screen for the session's current message: progress, the post, the
// suggestion with its confidence, the parsed fields and the keys. `search` is the text typed so
// far while a search is being entered. Lines end with '\n'; the terminal clears and draws it.
std::string render_label_screen(const LabelSession& session,
                                const std::optional<std::string>& search);

// One line: "symbol BTC/USDT · side long · entries 42000 · targets 44000, 45000 · stop 41000 ·
// leverage 10x", or "no fields" when the parser read none.
std::string describe_fields(const signals::ParsedSignal& parsed);

}  // namespace sigtrader::app
