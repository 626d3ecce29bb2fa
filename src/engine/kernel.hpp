#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/clock.hpp"
#include "core/ids.hpp"
#include "engine/candle_history.hpp"
#include "engine/decision.hpp"
#include "engine/trade_tracker.hpp"
#include "execution/exchange_client.hpp"
#include "execution/order_manager.hpp"
#include "execution/portfolio.hpp"
#include "strategy/strategy.hpp"

namespace sigtrader::engine {

struct KernelOptions {
  std::string order_id_prefix = "st";
  // Candles of history kept per market for StrategyContext::history(); at least the strategy's
  // warm-up. Memory stays bounded however long the run is.
  std::size_t history_length = 0;
  // Keep every decision (for the lookahead check); off, only their count is kept.
  bool record_decisions = true;
};

// The single-threaded heart shared by backtest, paper and live (DESIGN.md §1): it feeds closed
// candles, fills, timers and signals to one strategy, sends the strategy's orders through the
// order manager, manages every position's exits and keeps the trade list.
//
// Exits: when an entry fills, the kernel places the plan's stop (a reduce-only stop-market order,
// the tighter of the stop-loss, the trailing stop and the break-even level) and its take-profit
// ladder (reduce-only take-profit-market orders) on the venue; the venue decides which is hit
// first. On each candle close it tightens the stop (trailing, break-even) and applies the time
// stop. Once the position is flat again, the exits left are canceled.
class Kernel final : public strategy::StrategyContext {
 public:
  Kernel(bus::MessageBus& bus, core::Clock& clock, execution::OrderManager& orders,
         execution::Portfolio& portfolio, strategy::Strategy& strategy,
         std::vector<strategy::MarketInfo> markets, KernelOptions options);
  ~Kernel() override;
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  void start();
  // `candle` of `market` has closed; the clock must already be at its close time.
  void on_candle(std::size_t market, const market::Candle& candle);
  void on_signal(const bus::SignalEvent& signal);
  void stop();

  // Closes what is still open at `market`'s last close, in the books only (the venue has no next
  // candle to fill at): a taker fee at `fee_rate`, no slippage. The trades are marked so.
  core::Status close_at_end(const core::Decimal& fee_rate);

  // quote cash + Σ open positions marked at each market's last close.
  core::Money equity() const;
  const std::vector<Decision>& decisions() const { return decisions_; }
  std::size_t orders_sent() const { return orders_sent_; }
  const TradeTracker& trades() const { return trades_; }
  std::size_t rejected_orders() const { return rejected_orders_; }
  // The reasons of the first few rejections, for the summary.
  const std::vector<std::string>& rejection_examples() const { return rejection_examples_; }
  // The close of `market` in flight (exit()'s reduce-only market order, live at the venue and not
  // yet finished), if there is one: the kernel sends one at a time.
  const std::optional<core::ClientOrderId>& close_in_flight(std::size_t market) const {
    return state_[market].close_order;
  }

  // StrategyContext.
  core::Timestamp now() const override { return clock_.now(); }
  const std::vector<strategy::MarketInfo>& markets() const override { return markets_; }
  std::span<const market::Candle> history(std::size_t market) const override {
    return state_[market].history.view();
  }
  const execution::Portfolio& portfolio() const override { return portfolio_; }
  const execution::Position* position(std::size_t market) const override {
    return state_[market].position;
  }
  bool has_pending_order(std::size_t market) const override;
  core::Result<core::ClientOrderId> enter(std::size_t market, core::PositionSide side,
                                          const strategy::ExitPlan& exits,
                                          std::optional<core::Quantity> quantity) override;
  core::Result<core::ClientOrderId> exit(std::size_t market, std::string_view reason) override;
  core::Result<core::ClientOrderId> submit(execution::OrderRequest request) override;
  core::Status cancel(const core::ClientOrderId& id) override;
  core::TimerId set_timer(core::Timestamp at, std::string tag) override;

 private:
  enum class Role { kEntry, kClose, kStop, kTakeProfit, kOther };
  struct OrderInfo {
    std::size_t market = 0;
    Role role = Role::kOther;
    std::string reason;  // for the trade list: signal, stop_loss, take_profit, ...
  };
  struct PendingEntry {
    core::PositionSide side = core::PositionSide::kLong;
    strategy::ExitPlan exits;
    std::optional<core::Quantity> quantity;
  };
  struct MarketState {
    CandleHistory history;
    const execution::Position* position = nullptr;
    std::optional<core::Price> last_close;
    std::optional<core::ClientOrderId> entry_order;  // entry or close in flight
    std::optional<core::ClientOrderId> close_order;
    std::optional<PendingEntry> entry_after_close;  // a flip waits for the close to fill
    // The open position's exits.
    strategy::ExitPlan exits;
    core::Timestamp opened_at;
    core::Price best_close;  // highest close since entry (long), lowest (short)
    std::optional<core::ClientOrderId> stop_order;
    std::optional<core::Price> stop_price;
    std::vector<core::ClientOrderId> take_profit_orders;
    bool exits_placed = false;
  };

  void on_fill(const bus::FillEvent& fill);
  void on_order(const bus::OrderEvent& order);
  core::Result<core::ClientOrderId> send(std::size_t market, execution::OrderRequest request,
                                         Role role, std::string reason);
  core::Result<core::ClientOrderId> send_entry(std::size_t market, const PendingEntry& entry);
  // `opened_at`: when the entry filled, which starts the time stop.
  void place_exits(std::size_t market, core::Timestamp opened_at);
  // A reduce-only order of `type` for the whole open position of `market`.
  execution::OrderRequest closing_order(std::size_t market, core::OrderType type) const;
  // Known to the order manager and not finished.
  bool is_live(const core::ClientOrderId& id) const;
  void cancel_if_live(const core::ClientOrderId& id);
  void cancel_exits(std::size_t market);
  void manage_exits(std::size_t market, const market::Candle& candle);
  void move_stop(std::size_t market, core::Price price, std::string reason);
  void refresh_position(std::size_t market);
  void send_deferred_entry(std::size_t market);
  core::Result<core::Price> price_at(std::size_t market, core::Price base, core::Decimal pct,
                                     bool above) const;
  std::optional<std::size_t> market_of(const core::Symbol& symbol) const;

  bus::MessageBus& bus_;
  core::Clock& clock_;
  execution::OrderManager& orders_;
  execution::Portfolio& portfolio_;
  strategy::Strategy& strategy_;
  std::vector<strategy::MarketInfo> markets_;
  core::ClientOrderIdGenerator order_ids_;
  std::vector<MarketState> state_;
  std::unordered_map<core::ClientOrderId, OrderInfo> order_info_;
  bool record_decisions_ = true;
  std::vector<Decision> decisions_;
  std::size_t orders_sent_ = 0;
  TradeTracker trades_;
  std::size_t rejected_orders_ = 0;
  std::vector<std::string> rejection_examples_;
  bus::SubscriptionId fill_subscription_ = 0;
  bus::SubscriptionId order_subscription_ = 0;
};

}  // namespace sigtrader::engine
