#pragma once

// Checks every ExchangeClient must pass (DESIGN.md §4: one conformance suite for SimExchange and
// every real venue). A venue takes part by providing a ConformanceVenue and instantiating the
// suite once per test executable (the TEST_Ps below are defined here, so include this header from
// exactly one .cpp of each executable):
//
//   INSTANTIATE_TEST_SUITE_P(Sim, ExchangeConformance, ::testing::Values(&make_sim_venue));
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "execution/exchange_client.hpp"

namespace sigtrader::execution::conformance {

// One venue under test and the means to let it work.
class ConformanceVenue : public ExecutionListener {
 public:
  virtual ExchangeClient& client() = 0;
  virtual core::Symbol symbol() const = 0;
  // A valid limit order that will not fill while the test runs.
  virtual OrderRequest resting_order(std::string client_order_id) const = 0;
  // A valid order that fills completely by the next advance().
  virtual OrderRequest marketable_order(std::string client_order_id) const = 0;
  // Lets the venue process what was sent (SimExchange: the next candle; a fake server: a round
  // trip). Reports arrive on this listener.
  virtual void advance() = 0;

  void on_execution_report(const ExecutionReport& report) override { reports.push_back(report); }
  void on_funding(const FundingPayment& payment) override { funding.push_back(payment); }

  std::vector<ExecutionReport> reports;
  std::vector<FundingPayment> funding;
};

using VenueFactory = std::unique_ptr<ConformanceVenue> (*)();

class ExchangeConformance : public ::testing::TestWithParam<VenueFactory> {
 protected:
  void SetUp() override {
    venue_ = GetParam()();
    venue_->client().set_listener(venue_.get());
  }
  void TearDown() override { venue_->client().set_listener(nullptr); }

  ExchangeClient& client() { return venue_->client(); }
  std::size_t count(ExecutionReport::Kind kind, const std::string& id) const {
    std::size_t n = 0;
    for (const auto& report : venue_->reports) {
      if (report.kind == kind && report.client_order_id.str() == id) ++n;
    }
    return n;
  }

  std::unique_ptr<ConformanceVenue> venue_;
};

TEST_P(ExchangeConformance, PlacingAKnownClientIdAgainIsRefusedAndPlacesNothing) {
  const OrderRequest order = venue_->resting_order("conf-dup");
  ASSERT_TRUE(client().place_order(order).ok());
  const auto again = client().place_order(order);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_EQ(client().open_orders(venue_->symbol())->size(), 1U);
  EXPECT_EQ(count(ExecutionReport::Kind::kAccepted, "conf-dup"), 1U);
}

TEST_P(ExchangeConformance, CancelingAnUnknownIdIsNotFound) {
  const auto status = client().cancel_order(venue_->symbol(), core::ClientOrderId("conf-none"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kNotFound);
  EXPECT_FALSE(client().query_order(venue_->symbol(), core::ClientOrderId("conf-none")).ok());
}

TEST_P(ExchangeConformance, CanceledOrderIsReportedAndLeavesTheOpenOrders) {
  ASSERT_TRUE(client().place_order(venue_->resting_order("conf-cancel")).ok());
  ASSERT_TRUE(client().cancel_order(venue_->symbol(), core::ClientOrderId("conf-cancel")).ok());
  venue_->advance();
  EXPECT_EQ(count(ExecutionReport::Kind::kCanceled, "conf-cancel"), 1U);
  EXPECT_TRUE(client().open_orders(venue_->symbol())->empty());
  const auto order = client().query_order(venue_->symbol(), core::ClientOrderId("conf-cancel"));
  ASSERT_TRUE(order.ok());
  EXPECT_EQ(order->status(), core::OrderStatus::kCanceled);
}

TEST_P(ExchangeConformance, QueryAfterAFillShowsTheFilledOrder) {
  const OrderRequest order = venue_->marketable_order("conf-fill");
  ASSERT_TRUE(client().place_order(order).ok());
  venue_->advance();
  const auto queried = client().query_order(venue_->symbol(), core::ClientOrderId("conf-fill"));
  ASSERT_TRUE(queried.ok()) << queried.error().message();
  EXPECT_EQ(queried->status(), core::OrderStatus::kFilled);
  EXPECT_EQ(queried->filled_quantity(), order.quantity);
  EXPECT_FALSE(queried->venue_order_id().empty());
  // Acknowledged before it traded, and every fill carries a trade id.
  ASSERT_GE(venue_->reports.size(), 2U);
  EXPECT_EQ(venue_->reports.front().kind, ExecutionReport::Kind::kAccepted);
  for (const auto& report : venue_->reports) {
    if (report.kind == ExecutionReport::Kind::kFill) {
      EXPECT_FALSE(report.trade_id.empty());
    }
  }
}

TEST_P(ExchangeConformance, CancelingAFilledOrderIsRefused) {
  ASSERT_TRUE(client().place_order(venue_->marketable_order("conf-done")).ok());
  venue_->advance();
  const auto status = client().cancel_order(venue_->symbol(), core::ClientOrderId("conf-done"));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().code(), core::ErrorCode::kNotFound);
}

TEST_P(ExchangeConformance, InvalidRequestNeverReachesTheVenue) {
  OrderRequest order = venue_->resting_order("conf-bad");
  order.quantity = core::Quantity::zero();
  const auto status = client().place_order(order);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_TRUE(venue_->reports.empty());
}

}  // namespace sigtrader::execution::conformance
