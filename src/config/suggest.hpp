#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sigtrader::config {

// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate a typo most likely meant, for "did you mean" hints: the closest one within a few
// edits (one for up to 3 letters, else a third of the word, at least 2, at most 3), or one that the
// word starts or is the start of. The first such candidate wins a tie, so hints do not depend on
// anything but the candidates' order.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates);

}  // namespace sigtrader::config
