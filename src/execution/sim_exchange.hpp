#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "execution/exchange_client.hpp"
#include "execution/intrabar_path.hpp"
#include "execution/position.hpp"
#include "execution/sim_exchange_config.hpp"
#include "market/candle.hpp"

namespace sigtrader::execution {

// A symbol's slot in SimExchange, looked up once so the per-candle call needs no string compare.
struct SymbolHandle {
  std::uint32_t index = 0;
};

// The simulated venue of backtest and paper mode (DESIGN.md §1). It matches orders against
// complete candles, walking each candle's intrabar path (intrabar_path.hpp):
//
// - Arrival: place_order() only validates and acknowledges (a kAccepted or kRejected report); it
//   never fills. An order placed at clock time T is live from T + latency and takes part in the
//   path points at or after that instant, so with zero latency an order placed at a candle's close
//   meets the next candle's open. While a candle is being matched the venue's time is the path
//   point being processed, so an order placed from a fill callback (an entry's stop) joins the
//   rest of that candle's path.
// - Market orders fill at their first live point, moved slippage_bps against the taker; taker fee.
// - Limit orders that cross at their first live point take at that point's price (taker; a
//   post-only order expires instead). Otherwise they rest and fill at the limit price when the path
//   reaches it (maker fee), also when a later candle opens beyond it: a resting order gets its
//   price, never a better one. IOC and FOK are decided at the first live point: IOC fills what it
//   can and cancels the rest, FOK fills everything or expires.
// - Stop and take-profit orders trigger where the path reaches the trigger (stop buy at ≥, stop
//   sell at ≤, take-profit sell at ≥, take-profit buy at ≤); when a candle opens beyond the trigger
//   they trigger at the open (a worse price). The market kinds then fill like a market order at
//   that price; the limit kinds become limit orders there.
// - Along a segment, events happen in the order the price reaches their levels; at equal levels a
//   liquidation comes first, then orders in arrival order.
// - A market order with a quote quantity (OrderRequest::quote_quantity) is sized at its fill price
//   so that notional + taker fee (spot) or margin + taker fee (perpetual) stays within it, rounded
//   down to the step; below the minimum quantity it is canceled.
// - Reduce-only orders are refused when they would increase or flip the position, are capped at the
//   position at fill time, and are canceled once the position is gone.
// - Partial fills (config.partial_fills): a fill at a limit price takes at most
//   max_volume_fraction × the candle's volume per candle and order.
// - Spot accounts hold each asset; a buy needs quote for notional + fee, a sell the base quantity.
//   Perpetual accounts keep a quote wallet with isolated margin per symbol (notional / leverage);
//   realized PnL and fees settle to the wallet, and a position whose path touches its liquidation
//   price (sim_pricing.hpp) is closed there with a kLiquidation report. Its fee is whatever
//   isolated margin the loss left (the maintenance margin goes to the venue, as the insurance fund
//   takes it on real venues), so a liquidation costs exactly the position's margin.
// - Orders that cannot be paid when they fill are canceled with "insufficient balance"; an order
//   refused by an after-acceptance rule (post-only would take, FOK cannot fill) expires, because an
//   accepted order cannot become rejected (order.hpp).
//
// Venue order ids ("sim-<n>"), trade ids ("sim-t<n>") and liquidation ids ("liq-<n>") come from
// counters, so a run is reproducible byte for byte. Single-threaded, like the kernel that drives
// it.
class SimExchange final : public ExchangeClient {
 public:
  // Finished orders kept for query_order() before the oldest are forgotten.
  static constexpr std::size_t kRetainedOrders = 10'000;

  // The config and every instrument must be valid (a bug otherwise: check config.validate() first).
  SimExchange(SimExchangeConfig config, const core::Clock& clock,
              std::vector<core::Instrument> instruments);

  std::string_view venue() const override { return "sim"; }
  core::Result<std::vector<core::Instrument>> instruments() override;
  core::Result<std::vector<Balance>> balances() override;
  core::Result<std::vector<VenuePosition>> positions() override;
  core::Status place_order(const OrderRequest& request) override;
  core::Status cancel_order(const core::Symbol& symbol, const core::ClientOrderId& id) override;
  core::Result<Order> query_order(const core::Symbol& symbol,
                                  const core::ClientOrderId& id) override;
  core::Result<std::vector<Order>> open_orders(const std::optional<core::Symbol>& symbol) override;
  core::Status set_leverage(const core::Symbol& symbol, int leverage) override;
  void set_listener(ExecutionListener* listener) override { listener_ = listener; }

  // kNotFound for a symbol without an instrument.
  core::Result<SymbolHandle> handle(const core::Symbol& symbol) const;

  // A complete candle of one symbol, in time order. A candle that closes after clock.now() would
  // be lookahead and is refused (kInvalidArgument), and so is one that opens before the previous
  // candle of the symbol closed (out of order). Matches every live order along the candle's
  // path and leaves the close as the symbol's mark. Orders placed from a listener callback during
  // the call join the rest of the path from the point that caused them.
  core::Status on_candle(SymbolHandle symbol, const market::Candle& candle,
                         core::Duration timeframe);
  core::Status on_candle(const core::Symbol& symbol, const market::Candle& candle,
                         core::Duration timeframe);
  // Settles one funding interval of a perpetual at the last mark: −quantity × mark × rate goes to
  // the wallet and to the listener's on_funding. Nothing happens without a position or a mark.
  core::Status on_funding_rate(const core::Symbol& symbol, core::Timestamp ts, core::Decimal rate);

  // The last path point seen for the symbol; empty before its first candle.
  std::optional<core::Price> mark(const core::Symbol& symbol) const;

 private:
  struct SimOrder {
    SimOrder(Order placed, std::uint32_t book_index) : order(std::move(placed)), book(book_index) {}
    Order order;
    std::uint32_t book = 0;
    core::Timestamp live_at;
    bool active = false;     // reached its first live point
    bool triggered = false;  // a stop or take-profit that fired and now acts as its limit/market
    std::int64_t budget_candle = -1;  // the candle `budget` belongs to
    core::Quantity budget;            // what it may still fill at a limit price in that candle
  };
  struct Book {
    core::Instrument instrument;
    std::optional<core::Price> mark;
    std::vector<std::size_t> live;  // indexes into orders_, arrival order; may hold terminal ones
    std::size_t live_count = 0;     // non-terminal orders in `live`
    Position position;
    core::Money margin;  // isolated margin held by the position (perpetuals)
    int leverage = 1;
    std::optional<core::Price> liquidation;
    core::Timestamp last_close;  // of the last candle seen, to refuse candles out of order
  };
  // sim_exchange.cpp: requests and queries.
  core::Status refuse(const OrderRequest& request, std::string reason);
  core::Result<std::size_t> find(const core::Symbol& symbol, const core::ClientOrderId& id) const;
  std::optional<std::string> check_reduce_only(const Book& book, const OrderRequest& request) const;
  core::Money held_by_orders(const std::string& asset) const;
  core::Money margin_held() const;
  std::optional<std::string> check_affordable(const Book& book, const OrderRequest& request) const;
  core::Money balance(const std::string& asset) const;
  void emit(const ExecutionReport& report);
  ExecutionReport report_for(const SimOrder& sim, ExecutionReport::Kind kind,
                             core::Timestamp ts) const;
  void close_order(SimOrder& sim, ExecutionReport::Kind kind, std::string reason,
                   core::Timestamp ts);

  // sim_matching.cpp: the path walk.
  core::Status match_candle(Book& book, const market::Candle& candle, core::Duration timeframe);
  // True when nothing can happen in this candle: no order arrives, and no resting level or
  // liquidation price lies within the candle's range (extended to the last mark for the gap).
  bool is_quiet(const Book& book, const market::Candle& candle, core::Timestamp close) const;
  SimOrder& at(std::size_t index) { return orders_[index - first_index_]; }
  const SimOrder& at(std::size_t index) const { return orders_[index - first_index_]; }
  // Drops the oldest orders while they are finished and more than kRetainedOrders are kept; a
  // dropped order is no longer known to query_order() (nor as a duplicate id).
  void forget_old_orders();
  void walk(Book& book, PathPoint from, PathPoint to);
  void activate(Book& book, PathPoint point);
  // The venue's time: the path point being matched while a candle is walked (so an order placed
  // from a fill callback, a stop right after its entry, joins the rest of the path), else the
  // clock's.
  core::Timestamp now() const { return walk_time_ ? *walk_time_ : clock_.now(); }
  void enter(Book& book, SimOrder& sim, PathPoint point);
  void trigger(Book& book, SimOrder& sim, PathPoint point);
  void cross_as_limit(Book& book, SimOrder& sim, PathPoint point);
  // What a market order with a quote quantity buys at `price` (OrderRequest::quote_quantity).
  core::Quantity quote_order_quantity(const Book& book, core::Money amount,
                                      core::Price price) const;
  // What the order may fill at a limit price in the current candle (partial fills).
  core::Quantity limit_capacity(SimOrder& sim);

  // sim_account.cpp: settling fills, liquidations and funding.
  // Fills `quantity` of `sim` at `price` (after reduce-only capping and the balance check); false
  // when the order was canceled instead.
  bool fill(Book& book, SimOrder& sim, core::Price price, core::Quantity quantity, bool maker,
            core::Price reference, core::Timestamp ts);
  std::optional<std::string> settle(Book& book, core::OrderSide side, core::Price price,
                                    core::Quantity quantity, core::Money fee);
  void liquidate(Book& book, core::Timestamp ts);
  void after_position_change(Book& book, core::Timestamp ts);

  SimExchangeConfig config_;
  const core::Clock& clock_;
  ExecutionListener* listener_ = nullptr;
  std::optional<core::Timestamp> walk_time_;  // set while match_candle walks a path
  std::vector<Book> books_;
  std::map<core::Symbol, std::uint32_t> book_index_;
  // Orders in placement order; a deque keeps references stable. Index i (as book.live and
  // order_index_ hold it) is orders_[i - first_index_]: the oldest finished orders beyond
  // kRetainedOrders are dropped from the front, so a long backtest keeps bounded memory.
  std::deque<SimOrder> orders_;
  std::size_t first_index_ = 0;
  std::map<core::ClientOrderId, std::size_t> order_index_;
  std::map<std::string, core::Money> balances_;
  std::int64_t candle_counter_ = 0;
  core::Quantity candle_capacity_;  // per-order limit capacity of the candle being matched
  std::uint64_t next_venue_order_ = 1;
  std::uint64_t next_trade_ = 1;
  std::uint64_t next_liquidation_ = 1;
};

}  // namespace sigtrader::execution
