#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "core/instrument.hpp"

namespace sigtrader::risk {

// Recent returns per symbol (venue symbols, as the market data names them), oldest first and
// aligned at the newest end: the last value of every series is the same period (the last closed
// candle), so series of different lengths share their common tail.
using ReturnSeries = std::map<core::Symbol, std::vector<double>>;

// Pearson's r of the common tail of `a` and `b` (their last n values, n the shorter length):
//   r = Σ(a−ā)(b−b̄) / √(Σ(a−ā)² × Σ(b−b̄)²)
// nullopt when n < min_points (too little evidence), when either tail is constant (r is undefined)
// or when a value is not finite: such a pair is never counted as correlated.
std::optional<double> tail_correlation(std::span<const double> a, std::span<const double> b,
                                       int min_points);

// Symbols partitioned into groups that move together, for the group exposure limit
// (ValidatorConfig::max_group_exposure_pct). Every symbol is in exactly one group; one without a
// correlated partner is a group of its own.
class ExposureGroups {
 public:
  // No groups: every symbol stands alone.
  ExposureGroups() = default;
  // `groups` must be disjoint and non-empty (asserted); they are kept sorted by their first member.
  explicit ExposureGroups(std::vector<std::vector<core::Symbol>> groups);

  // Every group, each sorted, ordered by its first member.
  const std::vector<std::vector<core::Symbol>>& groups() const { return groups_; }
  // The members of `symbol`'s group (itself included); just {symbol} when it is in none.
  std::vector<core::Symbol> group_of(const core::Symbol& symbol) const;
  // Whether `a` and `b` are the same symbol or in one group. Allocates nothing: the validator asks
  // it once per open position on every decision.
  bool same_group(const core::Symbol& a, const core::Symbol& b) const;

 private:
  std::vector<std::vector<core::Symbol>> groups_;
  std::map<core::Symbol, std::size_t> group_index_;
};

// Groups the symbols of `returns`: two symbols whose tail_correlation() is at or above
// `threshold` are in one group, and so, transitively, is every symbol connected to them by such
// pairs (BTC~ETH and ETH~SOL put all three in one group even when BTC and SOL are not correlated,
// as money in all three rides largely the same move). Negative correlation never groups. A
// threshold above 1 groups nothing. O(symbols² × points): call it once per closed candle, not once
// per decision.
ExposureGroups group_by_correlation(const ReturnSeries& returns, double threshold,
                                    int min_points = 10);

}  // namespace sigtrader::risk
