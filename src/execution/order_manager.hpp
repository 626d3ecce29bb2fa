#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bus/message_bus.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/result.hpp"
#include "execution/exchange_client.hpp"
#include "execution/order.hpp"
#include "execution/portfolio.hpp"

namespace sigtrader::execution {

// The order management system: the one place orders are created, sent and followed. It checks
// each request against its instrument before it leaves, keeps every Order's lifecycle from the
// venue's reports, settles fills into the Portfolio, and publishes one bus event per change:
// an OrderEvent per transition, a FillEvent per fill and a PositionEvent after each fill.
// Refusals are events with reasons, never exceptions (DESIGN.md §2). Runs on the kernel thread.
class OrderManager final : public ExecutionListener {
 public:
  // Finished orders kept for order() before the oldest are forgotten: memory stays bounded over a
  // long run, and the store (not RAM) is where order history lives. Generous, because an order
  // being handled in a callback must still be found; ids are never reused, so forgetting one does
  // not weaken the duplicate check in practice.
  static constexpr std::size_t kRetainedOrders = 10'000;

  // Everything passed in must outlive the manager. It registers itself as the exchange's listener
  // and unregisters in its destructor.
  OrderManager(bus::MessageBus& bus, const core::Clock& clock, ExchangeClient& exchange,
               Portfolio& portfolio);
  ~OrderManager() override;
  OrderManager(const OrderManager&) = delete;
  OrderManager& operator=(const OrderManager&) = delete;

  // Orders of a symbol are checked against its filters; perpetuals also tell the portfolio.
  core::Status add_instrument(const core::Instrument& instrument);

  // Sends an order. An empty client order id gets one from the generator ("oms-<ms>-<n>").
  // Nothing is rounded here: a request that fails OrderRequest::validate() (kInvalidArgument) or
  // its instrument's filters (kRejected; `reference_price` stands in for the price of a market
  // order) is recorded as rejected, with an OrderEvent naming the reason, and the error returned.
  // A client order id already used is kAlreadyExists and changes nothing. Otherwise the order is
  // recorded as new (event) and placed; an exchange error rejects it locally with that reason.
  core::Result<core::ClientOrderId> submit(OrderRequest request, core::TraceId trace = {},
                                           std::optional<core::Price> reference_price = {});
  // Asks the venue to cancel; the cancel itself arrives as a report. kNotFound for an unknown id,
  // kRejected for a terminal order.
  core::Status cancel(const core::ClientOrderId& id);

  // nullptr for an unknown id.
  const Order* order(const core::ClientOrderId& id) const;
  // Orders not yet terminal, in client-id order.
  std::vector<const Order*> open_orders(const core::Symbol& symbol) const;

  void on_execution_report(const ExecutionReport& report) override;
  void on_funding(const FundingPayment& payment) override;

  // Totals for reports, in the quote asset.
  core::Money total_fees() const { return total_fees_; }
  core::Money total_slippage() const { return total_slippage_; }
  core::Money total_funding() const { return total_funding_; }
  std::size_t liquidations() const { return liquidations_; }

 private:
  struct Record {
    Order order;
    core::TraceId trace;
  };

  core::Error reject_request(const OrderRequest& request, const core::TraceId& trace,
                             const core::Error& error);
  void publish(const Record& record, core::Timestamp ts_event);
  void warn(std::string message, const ExecutionReport& report);
  // Queues a finished order to be forgotten once kRetainedOrders newer ones have finished.
  void retire_if_terminal(const core::ClientOrderId& id);
  void on_fill(Record& record, const ExecutionReport& report);
  void on_liquidation(const ExecutionReport& report);

  bus::MessageBus& bus_;
  const core::Clock& clock_;
  ExchangeClient& exchange_;
  Portfolio& portfolio_;
  core::ClientOrderIdGenerator ids_;
  std::map<core::Symbol, core::Instrument> instruments_;
  std::map<core::ClientOrderId, Record> orders_;
  std::deque<core::ClientOrderId> finished_;  // oldest first
  core::Money total_fees_;
  core::Money total_slippage_;
  core::Money total_funding_;
  std::size_t liquidations_ = 0;
};

}  // namespace sigtrader::execution
