#include "execution/portfolio.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::execution {
namespace {

using core::Money;
using core::OrderSide;
using core::Price;
using core::Quantity;
using core::Symbol;

Price px(std::string_view text) {
  return Price::parse(text);
}
Quantity qty(std::string_view text) {
  return Quantity::parse(text);
}
Money usd(std::string_view text) {
  return Money::parse(text);
}

const Symbol kBtc{"BTC", "USDT"};
const Symbol kEth{"ETH", "USDT"};

Portfolio funded(std::string_view cash) {
  Portfolio portfolio("USDT");
  EXPECT_TRUE(portfolio.deposit(usd(cash)).ok());
  return portfolio;
}

void fill(Portfolio& portfolio, const Symbol& symbol, OrderSide side, std::string_view price,
          std::string_view quantity, std::string_view fee) {
  const auto status = portfolio.apply_fill(symbol, side, px(price), qty(quantity), usd(fee));
  ASSERT_TRUE(status.ok()) << status.error().message();
}

TEST(Portfolio, ABuySpendsTheNotionalAndTheFee) {
  // 1000 − 2 × 100 − 0.2 = 799.8 USDT; +2 BTC.
  Portfolio portfolio = funded("1000");
  fill(portfolio, kBtc, OrderSide::kBuy, "100", "2", "0.2");
  EXPECT_EQ(portfolio.cash(), usd("799.8"));
  EXPECT_EQ(portfolio.balance("BTC"), usd("2"));
  ASSERT_NE(portfolio.position(kBtc), nullptr);
  EXPECT_EQ(portfolio.position(kBtc)->quantity(), qty("2"));
}

TEST(Portfolio, ASellReceivesTheNotionalLessTheFee) {
  // 799.8 + 1 × 120 − 0.12 = 919.68 USDT; 1 BTC left; realized (120 − 100) × 1 = 20.
  Portfolio portfolio = funded("1000");
  fill(portfolio, kBtc, OrderSide::kBuy, "100", "2", "0.2");
  fill(portfolio, kBtc, OrderSide::kSell, "120", "1", "0.12");
  EXPECT_EQ(portfolio.cash(), usd("919.68"));
  EXPECT_EQ(portfolio.balance("BTC"), usd("1"));
  EXPECT_EQ(portfolio.realized_pnl(), usd("20"));
  EXPECT_EQ(portfolio.fees(), usd("0.32"));
}

TEST(Portfolio, EquityIsCashPlusPositionsAtTheirMarks) {
  // Cash 919.68 + 1 BTC × 130 = 1049.68, which is also
  // 1000 deposited + 20 realized + (130 − 100) × 1 unrealized − 0.32 fees.
  Portfolio portfolio = funded("1000");
  fill(portfolio, kBtc, OrderSide::kBuy, "100", "2", "0.2");
  fill(portfolio, kBtc, OrderSide::kSell, "120", "1", "0.12");
  const auto equity = portfolio.equity({{kBtc, px("130")}});
  ASSERT_TRUE(equity.ok()) << equity.error().message();
  EXPECT_EQ(*equity, usd("1049.68"));
}

TEST(Portfolio, AShortAddsItsProceedsToCashAndOwesItsValueAtTheMark) {
  // Sell 1 ETH @ 50: cash 1000 + 50 = 1050. At 40: 1050 − 1 × 40 = 1010 = 1000 + (50 − 40).
  Portfolio portfolio = funded("1000");
  fill(portfolio, kEth, OrderSide::kSell, "50", "1", "0");
  EXPECT_EQ(portfolio.cash(), usd("1050"));
  EXPECT_EQ(portfolio.balance("ETH"), usd("-1"));
  EXPECT_EQ(*portfolio.equity({{kEth, px("40")}}), usd("1010"));
}

TEST(Portfolio, EquityNeedsAMarkForEveryOpenPosition) {
  Portfolio portfolio = funded("1000");
  fill(portfolio, kBtc, OrderSide::kBuy, "100", "1", "0");
  fill(portfolio, kEth, OrderSide::kBuy, "50", "1", "0");
  fill(portfolio, kEth, OrderSide::kSell, "55", "1", "0");  // flat: needs no mark
  const auto equity = portfolio.equity({});
  ASSERT_FALSE(equity.ok());
  EXPECT_EQ(equity.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(equity.error().message(), "no mark price for the open BTC/USDT position of 1");
  // 1000 − 100 − 50 + 55 = 905 cash; + 1 × 100 = 1005.
  EXPECT_EQ(*portfolio.equity({{kBtc, px("100")}}), usd("1005"));
}

TEST(Portfolio, RefusesAFillInAnotherQuoteAssetAndChangesNothing) {
  Portfolio portfolio = funded("1000");
  const auto status =
      portfolio.apply_fill(Symbol{"ETH", "BTC"}, OrderSide::kBuy, px("0.05"), qty("1"), usd("0"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message(),
            "a fill of ETH/BTC cannot settle in a portfolio kept in USDT");
  EXPECT_EQ(portfolio.cash(), usd("1000"));
  EXPECT_TRUE(portfolio.positions().empty());
}

TEST(Portfolio, ARefusedFillLeavesBalancesAndPositionsAsTheyWere) {
  Portfolio portfolio = funded("1000");
  fill(portfolio, kBtc, OrderSide::kBuy, "100", "1", "0.1");
  EXPECT_FALSE(
      portfolio.apply_fill(kBtc, OrderSide::kSell, px("100"), Quantity::zero(), usd("1")).ok());
  EXPECT_EQ(portfolio.cash(), usd("899.9"));
  EXPECT_EQ(portfolio.balance("BTC"), usd("1"));
  EXPECT_EQ(portfolio.fees(), usd("0.1"));
}

TEST(Portfolio, ListsPositionsInSymbolOrder) {
  Portfolio portfolio = funded("1000");
  fill(portfolio, kEth, OrderSide::kBuy, "50", "1", "0");
  fill(portfolio, kBtc, OrderSide::kBuy, "100", "1", "0");
  fill(portfolio, Symbol{"ADA", "USDT"}, OrderSide::kBuy, "1", "10", "0");
  std::vector<std::string> order;
  for (const auto& [symbol, position] : portfolio.positions())
    order.push_back(symbol.to_string());
  EXPECT_EQ(order, (std::vector<std::string>{"ADA/USDT", "BTC/USDT", "ETH/USDT"}));
}

}  // namespace
}  // namespace sigtrader::execution
