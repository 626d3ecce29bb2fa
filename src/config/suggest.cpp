#include "config/suggest.hpp"

#include <algorithm>
#include <vector>

namespace sigtrader::config {

// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring),
// computed over three rolling rows.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before_previous(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before_previous[j - 2] + 1);
      }
    }
    std::swap(before_previous, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string> candidates) {
  // One slip in a short word; two or three in a longer one ("mood" for "mode").
  const std::size_t allowed = word.size() <= 3 ? 1 : std::clamp<std::size_t>(word.size() / 3, 2, 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    // The distance is at least the difference in length; skip the quadratic work when that is
    // already too far (long garbage keys stay cheap).
    const std::size_t length_gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                                  : word.size() - candidate.size();
    if (length_gap > allowed) continue;
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best) return best;
  // "daily_loss" for "daily_loss_pct": a prefix is a likely slip even when many edits away.
  constexpr std::size_t kMinPrefix = 4;
  if (word.size() < kMinPrefix) return std::nullopt;
  for (const std::string& candidate : candidates) {
    if (candidate.starts_with(word) ||
        (std::string_view(word).starts_with(candidate) && candidate.size() >= kMinPrefix)) {
      return candidate;
    }
  }
  return std::nullopt;
}

}  // namespace sigtrader::config
