// SimExchange against the conformance suite every ExchangeClient passes.
#include <memory>

#include "exchange_conformance.hpp"
#include "sim_test_support.hpp"

namespace sigtrader::execution::conformance {
namespace {

using namespace testing;

class SimVenue final : public ConformanceVenue {
 public:
  SimVenue() : exchange_(base_config(), clock_, {btc_spot()}) {}

  ExchangeClient& client() override { return exchange_; }
  core::Symbol symbol() const override { return kBtc; }
  OrderRequest resting_order(std::string id) const override {
    OrderRequest order =
        request(std::move(id), kBtc, core::OrderSide::kBuy, core::OrderType::kLimit, "0.1");
    order.price = px("50");  // far below the 100 the candles trade at
    return order;
  }
  OrderRequest marketable_order(std::string id) const override {
    return request(std::move(id), kBtc, core::OrderSide::kBuy, core::OrderType::kMarket, "0.1");
  }
  void advance() override {
    const core::Timestamp open_time = clock_.now();
    clock_.advance_to(open_time + kHour);
    ASSERT_TRUE(
        exchange_.on_candle(kBtc, candle(open_time, "100", "101", "99", "100"), kHour).ok());
  }

 private:
  core::SimClock clock_{kT0};
  SimExchange exchange_;
};

std::unique_ptr<ConformanceVenue> make_sim_venue() {
  return std::make_unique<SimVenue>();
}

INSTANTIATE_TEST_SUITE_P(Sim, ExchangeConformance, ::testing::Values(&make_sim_venue));

}  // namespace
}  // namespace sigtrader::execution::conformance
