#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "execution/order.hpp"

// The port every venue implements: SimExchange here, the real exchanges in adapters/. The kernel
// only talks to this interface, so backtest, paper and live run the same code (DESIGN.md §1, §4).
namespace sigtrader::execution {

// What the venue says happened to one order. The order manager turns each report into an Order
// transition and the matching events.
struct ExecutionReport {
  enum class Kind {
    kAccepted,  // the venue acknowledged the order and gave it a venue id
    kFill,      // a (partial) execution
    kCanceled,  // canceled on request, or the unfilled rest of an IOC order
    kRejected,  // refused before acceptance (filters, balance, reduce-only would increase)
    // Time in force elapsed, or refused after acceptance (post-only would take, FOK cannot fill):
    // an accepted order cannot become rejected (order.hpp), so venues report those as expired,
    // as Binance does.
    kExpired,
    kLiquidation,  // the venue closed a position itself; client_order_id is the venue's own
  };
  Kind kind = Kind::kAccepted;
  core::ClientOrderId client_order_id;
  core::VenueOrderId venue_order_id;
  core::Symbol symbol;
  core::Timestamp ts;  // when it happened at the venue

  // kFill and kLiquidation.
  core::TradeId trade_id;
  core::OrderSide side = core::OrderSide::kBuy;
  core::Price price;
  core::Quantity quantity;
  core::Money fee;  // in the quote asset; negative for a maker rebate
  bool maker = false;
  // What slippage cost against the reference price (SimExchange only; zero from real venues),
  // so reports can show it apart from fees.
  core::Money slippage;

  // kCanceled, kRejected, kExpired, kLiquidation.
  std::string reason;
};

// A funding payment on a perpetual position: positive when the account received it.
struct FundingPayment {
  core::Symbol symbol;
  core::Timestamp ts;
  core::Decimal rate;  // the funding rate applied, e.g. 0.0001 for 0.01 %
  core::Price mark;    // the price the position was valued at
  core::Money amount;
};

struct Balance {
  std::string asset;
  core::Money total;
  core::Money available;  // total minus what open orders and margin hold
};

// A position as the venue keeps it (netting; quantity negative for a short).
struct VenuePosition {
  core::Symbol symbol;
  core::Quantity quantity;
  core::Price entry_price;
  int leverage = 1;
  core::Money margin;  // isolated margin held; zero for spot
  std::optional<core::Price> liquidation_price;
};

// Receives the venue's user-data stream. Called on the kernel thread: SimExchange calls it from
// place_order() and its market-data entry points, real adapters through the kernel's queue.
class ExecutionListener {
 public:
  virtual ~ExecutionListener() = default;
  virtual void on_execution_report(const ExecutionReport& report) = 0;
  virtual void on_funding(const FundingPayment& payment) = 0;
};

class ExchangeClient {
 public:
  virtual ~ExchangeClient() = default;

  virtual std::string_view venue() const = 0;
  virtual core::Result<std::vector<core::Instrument>> instruments() = 0;
  virtual core::Result<std::vector<Balance>> balances() = 0;
  virtual core::Result<std::vector<VenuePosition>> positions() = 0;

  // Sends an order. The outcome (accepted or rejected, then fills, cancel, expiry) arrives on the
  // listener. An error here means the request never reached the venue (invalid request, network
  // down); a venue refusal is a kRejected report, not an error. Placing a client order id the
  // venue already knows is kAlreadyExists and places nothing, which is what makes retries safe.
  virtual core::Status place_order(const OrderRequest& request) = 0;
  // kNotFound when the venue does not know the order; a terminal order is left as it is
  // (kRejected). The cancel itself arrives as a kCanceled report.
  virtual core::Status cancel_order(const core::Symbol& symbol, const core::ClientOrderId& id) = 0;
  // The order as the venue sees it now (for reconciliation after a restart).
  virtual core::Result<Order> query_order(const core::Symbol& symbol,
                                          const core::ClientOrderId& id) = 0;
  // Orders not yet terminal, of one symbol or of all.
  virtual core::Result<std::vector<Order>> open_orders(
      const std::optional<core::Symbol>& symbol) = 0;
  // Perpetuals only; kInvalidArgument above the instrument's max leverage.
  virtual core::Status set_leverage(const core::Symbol& symbol, int leverage) = 0;

  // The listener must outlive the client or be reset to nullptr first.
  virtual void set_listener(ExecutionListener* listener) = 0;
};

}  // namespace sigtrader::execution
