#include "risk/exposure_groups.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "core/assert.hpp"

namespace sigtrader::risk {
namespace {

double mean_of(std::span<const double> values) {
  return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

// Compared exactly: the mean of equal values can differ from them in the last bit, which would
// turn a constant series into a tiny, meaningless variance.
bool is_constant(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [&](double x) { return x == values.front(); });
}

bool all_finite(std::span<const double> values) {
  return std::all_of(values.begin(), values.end(), [](double x) { return std::isfinite(x); });
}

// Union-find over symbol indices: each root names one group.
std::size_t root_of(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

}  // namespace

std::optional<double> tail_correlation(std::span<const double> a, std::span<const double> b,
                                       int min_points) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n < 2 || n < static_cast<std::size_t>(std::max(min_points, 0))) return std::nullopt;
  a = a.last(n);
  b = b.last(n);
  if (!all_finite(a) || !all_finite(b) || is_constant(a) || is_constant(b)) return std::nullopt;
  const double mean_a = mean_of(a);
  const double mean_b = mean_of(b);
  double covariance = 0;
  double variance_a = 0;
  double variance_b = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double da = a[i] - mean_a;
    const double db = b[i] - mean_b;
    covariance += da * db;
    variance_a += da * da;
    variance_b += db * db;
  }
  // Rounding can put a perfect correlation a hair beyond ±1; r is bounded by definition.
  return std::clamp(covariance / std::sqrt(variance_a * variance_b), -1.0, 1.0);
}

ExposureGroups::ExposureGroups(std::vector<std::vector<core::Symbol>> groups) {
  for (std::vector<core::Symbol>& group : groups) {
    SIGTRADER_ASSERT(!group.empty(), "an exposure group has at least one symbol");
    std::sort(group.begin(), group.end());
  }
  std::sort(groups.begin(), groups.end());
  groups_ = std::move(groups);
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    for (const core::Symbol& symbol : groups_[i]) {
      const bool inserted = group_index_.emplace(symbol, i).second;
      SIGTRADER_ASSERT(inserted, "exposure groups are disjoint");
    }
  }
}

std::vector<core::Symbol> ExposureGroups::group_of(const core::Symbol& symbol) const {
  const auto found = group_index_.find(symbol);
  if (found == group_index_.end()) return {symbol};
  return groups_[found->second];
}

bool ExposureGroups::same_group(const core::Symbol& a, const core::Symbol& b) const {
  if (a == b) return true;
  const auto found_a = group_index_.find(a);
  const auto found_b = group_index_.find(b);
  return found_a != group_index_.end() && found_b != group_index_.end() &&
         found_a->second == found_b->second;
}

ExposureGroups group_by_correlation(const ReturnSeries& returns, double threshold, int min_points) {
  std::vector<const core::Symbol*> symbols;
  std::vector<std::span<const double>> series;
  for (const auto& [symbol, values] : returns) {
    symbols.push_back(&symbol);
    series.emplace_back(values);
  }
  std::vector<std::size_t> parent(symbols.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    for (std::size_t j = i + 1; j < symbols.size(); ++j) {
      const std::optional<double> r = tail_correlation(series[i], series[j], min_points);
      if (r && *r >= threshold) parent[root_of(parent, j)] = root_of(parent, i);
    }
  }
  // Symbols are visited in map order, so members come out sorted and groups in a stable order.
  std::map<std::size_t, std::vector<core::Symbol>> by_root;
  for (std::size_t i = 0; i < symbols.size(); ++i)
    by_root[root_of(parent, i)].push_back(*symbols[i]);
  std::vector<std::vector<core::Symbol>> groups;
  for (auto& [root, members] : by_root)
    groups.push_back(std::move(members));
  return ExposureGroups(std::move(groups));
}

}  // namespace sigtrader::risk
