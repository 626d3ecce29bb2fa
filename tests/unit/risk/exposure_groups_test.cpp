#include "risk/exposure_groups.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "risk/validator.hpp"

namespace sigtrader::risk {
namespace {

using core::Symbol;
using Groups = std::vector<std::vector<Symbol>>;

const Symbol kBtc{"BTC", "USDT"};
const Symbol kEth{"ETH", "USDT"};
const Symbol kSol{"SOL", "USDT"};
const Symbol kXrp{"XRP", "USDT"};

// Three patterns of 12 returns (in %), chosen so that every correlation below can be worked by
// hand: each has mean 0 and Σx² = 12, and
//   x = +1 −1 repeated        y = +1 +1 −1 −1 repeated        z = six +1 then six −1
// x·y = 0 (each block of four sums 1 − 1 − 1 + 1), x·z = 0 (three +1 −1 pairs on each half),
// y·z = (+1 +1 −1 −1 +1 +1) − (−1 −1 +1 +1 −1 −1) = 2 + 2 = 4, so r(y, z) = 4 / 12 = 1/3.
const std::vector<double> kX{1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1};
const std::vector<double> kY{1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1};
const std::vector<double> kZ{1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1};

std::vector<double> plus(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> sum;
  for (std::size_t i = 0; i < a.size(); ++i)
    sum.push_back(a[i] + b[i]);
  return sum;
}

TEST(TailCorrelation, ReturnsThatAreExactMultiplesCorrelatePerfectly) {
  const std::vector<double> btc{0.4, -1.2, 0.8, 2.0, -0.5, 0.1, -0.9, 1.5, 0.3, -0.7};
  std::vector<double> eth;
  for (double r : btc)
    eth.push_back(3 * r + 0.2);  // three times as volatile, plus a drift: r is still 1
  const std::optional<double> r = tail_correlation(btc, eth, 10);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r, 1.0, 1e-12);
}

TEST(TailCorrelation, MirroredAlternatingReturnsCorrelateMinusOne) {
  const std::vector<double> up{1, -1, 2, -2, 1, -1, 3, -3, 1, -1};
  std::vector<double> down;
  for (double r : up)
    down.push_back(-2 * r);
  const std::optional<double> r = tail_correlation(up, down, 10);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r, -1.0, 1e-12);
}

TEST(TailCorrelation, MatchesAFourPointExampleWorkedByHand) {
  // a = 1 2 3 4, b = 2 1 4 3; both means are 2.5.
  // deviations a: −1.5 −0.5 0.5 1.5;  b: −0.5 −1.5 1.5 0.5
  // Σ da·db = 0.75 + 0.75 + 0.75 + 0.75 = 3;  Σ da² = Σ db² = 2.25 + 0.25 + 0.25 + 2.25 = 5
  // r = 3 / √(5 × 5) = 0.6
  const std::optional<double> r =
      tail_correlation(std::vector<double>{1, 2, 3, 4}, std::vector<double>{2, 1, 4, 3}, 4);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r, 0.6, 1e-12);
}

TEST(TailCorrelation, UsesOnlyTheCommonNewestTail) {
  // The two older values of `longer` have no partner in `b` and are ignored: the same 0.6.
  const std::vector<double> longer{100, -50, 1, 2, 3, 4};
  const std::optional<double> r = tail_correlation(longer, std::vector<double>{2, 1, 4, 3}, 4);
  ASSERT_TRUE(r.has_value());
  EXPECT_NEAR(*r, 0.6, 1e-12);
}

TEST(TailCorrelation, TooFewPointsAConstantSeriesOrANanAreNotEvidence) {
  const std::vector<double> nine{1, -1, 2, -2, 1, -1, 3, -3, 1};
  EXPECT_FALSE(tail_correlation(nine, nine, 10).has_value());
  EXPECT_TRUE(tail_correlation(nine, nine, 9).has_value());

  const std::vector<double> flat(12, 0.1);
  EXPECT_FALSE(tail_correlation(kX, flat, 10).has_value());

  std::vector<double> gap = kX;
  gap[3] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(tail_correlation(kX, gap, 10).has_value());
}

TEST(TailCorrelation, OrthogonalPatternsAreUncorrelated) {
  EXPECT_NEAR(*tail_correlation(kX, kY, 10), 0.0, 1e-12);
  EXPECT_NEAR(*tail_correlation(kY, kZ, 10), 1.0 / 3.0, 1e-12);
  // x + y = 2 0 0 −2 repeated: Σ = 24, x·(x + y) = 12, r = 12 / √(12 × 24) = 1/√2 ≈ 0.7071.
  EXPECT_NEAR(*tail_correlation(kX, plus(kX, kY), 10), 1.0 / std::sqrt(2.0), 1e-12);
}

TEST(GroupByCorrelation, JoinsSymbolsTransitivelyThroughACommonPartner) {
  // BTC = x, ETH = x + y, SOL = y, XRP = z. r(BTC, ETH) = r(SOL, ETH) = 0.7071 ≥ 0.7, so ETH joins
  // BTC and SOL into one group although r(BTC, SOL) = 0. XRP: r with x is 0, with y 1/3, with
  // x + y 4 / √(24 × 12) ≈ 0.24, all below 0.7.
  const ReturnSeries returns{{kBtc, kX}, {kEth, plus(kX, kY)}, {kSol, kY}, {kXrp, kZ}};
  const ExposureGroups groups = group_by_correlation(returns, 0.7);
  EXPECT_EQ(groups.groups(), (Groups{{kBtc, kEth, kSol}, {kXrp}}));
  EXPECT_TRUE(groups.same_group(kBtc, kSol));
  EXPECT_FALSE(groups.same_group(kBtc, kXrp));

  // At 0.75 the 0.7071 links no longer count: every symbol stands alone.
  EXPECT_EQ(group_by_correlation(returns, 0.75).groups(), (Groups{{kBtc}, {kEth}, {kSol}, {kXrp}}));
}

TEST(GroupByCorrelation, NeverGroupsNegativelyCorrelatedSymbols) {
  std::vector<double> mirrored;
  for (double r : kX)
    mirrored.push_back(-r);
  const ReturnSeries returns{{kBtc, kX}, {kEth, mirrored}};
  EXPECT_EQ(group_by_correlation(returns, 0.8).groups(), (Groups{{kBtc}, {kEth}}));
}

TEST(GroupByCorrelation, AThresholdAboveOneGroupsNothing) {
  const ReturnSeries returns{{kBtc, kX}, {kEth, kX}};
  EXPECT_EQ(group_by_correlation(returns, 1.0).groups(), (Groups{{kBtc, kEth}}));
  EXPECT_EQ(group_by_correlation(returns, kNoCorrelationGrouping).groups(),
            (Groups{{kBtc}, {kEth}}));
}

TEST(GroupByCorrelation, RequiresTheMinimumNumberOfCommonReturns) {
  // Identical, but only the last 9 values are shared with the shorter series.
  const std::vector<double> short_x(kX.end() - 9, kX.end());
  const ReturnSeries returns{{kBtc, kX}, {kEth, short_x}};
  EXPECT_EQ(group_by_correlation(returns, 0.8, 10).groups(), (Groups{{kBtc}, {kEth}}));
  EXPECT_EQ(group_by_correlation(returns, 0.8, 9).groups(), (Groups{{kBtc, kEth}}));
}

TEST(ExposureGroups, ASymbolWithoutReturnsIsAGroupOfItsOwn) {
  const ExposureGroups groups(Groups{{kEth, kBtc}});
  EXPECT_EQ(groups.group_of(kBtc), (std::vector<Symbol>{kBtc, kEth}));  // sorted
  EXPECT_EQ(groups.group_of(kSol), (std::vector<Symbol>{kSol}));
  EXPECT_TRUE(groups.same_group(kSol, kSol));
  EXPECT_FALSE(groups.same_group(kSol, kBtc));
  EXPECT_FALSE(ExposureGroups().same_group(kBtc, kEth));
}

}  // namespace
}  // namespace sigtrader::risk
