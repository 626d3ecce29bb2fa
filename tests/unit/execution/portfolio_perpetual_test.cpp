#include <gtest/gtest.h>

#include "execution/portfolio.hpp"
#include "sim_test_support.hpp"

namespace sigtrader::execution {
namespace {

using core::OrderSide;
using namespace testing;

TEST(PortfolioPerpetual, FillMovesCashOnlyByRealizedPnlAndFees) {
  Portfolio portfolio("USDT");
  ASSERT_TRUE(portfolio.deposit(usd("1000")).ok());
  ASSERT_TRUE(portfolio.set_kind(kEth, core::InstrumentKind::kPerpetual).ok());
  // Long 1 at 2000, fee 1: no notional leaves the account, cash 999.
  ASSERT_TRUE(portfolio.apply_fill(kEth, OrderSide::kBuy, px("2000"), qty("1"), usd("1")).ok());
  EXPECT_EQ(portfolio.cash(), usd("999"));
  EXPECT_EQ(portfolio.balance("ETH"), usd("0"));
  // Equity at 2100: 999 + unrealized (2100 − 2000) × 1 = 1099, by either method.
  EXPECT_EQ(*portfolio.equity_at(kEth, px("2100")), usd("1099"));
  EXPECT_EQ(*portfolio.equity({{kEth, px("2100")}}), usd("1099"));
  // Close at 2100, fee 1.05: 999 + 100 − 1.05 = 1097.95.
  ASSERT_TRUE(portfolio.apply_fill(kEth, OrderSide::kSell, px("2100"), qty("1"), usd("1.05")).ok());
  EXPECT_EQ(portfolio.cash(), usd("1097.95"));
  EXPECT_EQ(portfolio.open_positions(), 0U);
}

TEST(PortfolioPerpetual, ShortGainsWhenThePriceFalls) {
  Portfolio portfolio("USDT");
  ASSERT_TRUE(portfolio.deposit(usd("1000")).ok());
  ASSERT_TRUE(portfolio.set_kind(kEth, core::InstrumentKind::kPerpetual).ok());
  ASSERT_TRUE(portfolio.apply_fill(kEth, OrderSide::kSell, px("2000"), qty("2"), usd("0")).ok());
  // (2000 − 1900) × 2 = 200 unrealized.
  EXPECT_EQ(*portfolio.equity_at(kEth, px("1900")), usd("1200"));
}

TEST(PortfolioPerpetual, FundingGoesToCashAndIsTotalled) {
  Portfolio portfolio("USDT");
  ASSERT_TRUE(portfolio.deposit(usd("1000")).ok());
  ASSERT_TRUE(portfolio.apply_funding(usd("-0.201")).ok());
  ASSERT_TRUE(portfolio.apply_funding(usd("0.5")).ok());
  EXPECT_EQ(portfolio.cash(), usd("1000.299"));
  EXPECT_EQ(portfolio.funding(), usd("0.299"));
}

TEST(PortfolioPerpetual, EquityAtOneMarkRefusesWhenAnotherSymbolIsOpen) {
  Portfolio portfolio("USDT");
  ASSERT_TRUE(portfolio.deposit(usd("1000")).ok());
  ASSERT_TRUE(portfolio.apply_fill(kBtc, OrderSide::kBuy, px("100"), qty("1"), usd("0")).ok());
  EXPECT_EQ(*portfolio.equity_at(kBtc, px("110")), usd("1010"));  // 900 + 110
  EXPECT_FALSE(portfolio.equity_at(kEth, px("2000")).ok());
  ASSERT_TRUE(portfolio.apply_fill(kEth, OrderSide::kBuy, px("50"), qty("1"), usd("0")).ok());
  EXPECT_FALSE(portfolio.equity_at(kBtc, px("110")).ok());
}

TEST(PortfolioPerpetual, KindCannotChangeUnderAnOpenPosition) {
  Portfolio portfolio("USDT");
  ASSERT_TRUE(portfolio.apply_fill(kBtc, OrderSide::kBuy, px("100"), qty("1"), usd("0")).ok());
  EXPECT_EQ(portfolio.set_kind(kBtc, core::InstrumentKind::kPerpetual).error().code(),
            core::ErrorCode::kRejected);
}

}  // namespace
}  // namespace sigtrader::execution
