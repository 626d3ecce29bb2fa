#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bus/events.hpp"
#include "bus/message_bus.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "execution/order_manager.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace sigtrader::engine {

// Turns the run's order and fill events into rows: each order's row as the store holds it (its
// quantity and prices as first written, then its status, fills and reason), and the fills of the
// current step. write() stores what changed since the last write; after a replay,
// mark_replayed() takes the store as already holding it.
class PaperJournal {
 public:
  struct OrderState {
    storage::OrderRow row;
    bool stored = false;  // in the store (written, or written before a restart)
    bool dirty = false;   // changed since the last write
    std::optional<storage::OrderRowId> row_id;
    std::size_t fills = 0;
  };

  // Subscribes to `bus` until destroyed; `bus` and `orders` must outlive the journal.
  PaperJournal(bus::MessageBus& bus, const execution::OrderManager& orders, core::UserId user,
               std::string strategy);
  ~PaperJournal();
  PaperJournal(const PaperJournal&) = delete;
  PaperJournal& operator=(const PaperJournal&) = delete;

  // Stores what changed since the last write (orders, then fills) and clears it.
  core::Status write(storage::Store& store);
  // After a replay: takes the store as already holding every change so far.
  void mark_replayed();

  const std::map<core::ClientOrderId, OrderState>& orders() const { return states_; }
  std::size_t fills() const { return fill_count_; }

 private:
  void on_order(const bus::OrderEvent& event);
  void on_fill(const bus::FillEvent& event);

  bus::MessageBus& bus_;
  const execution::OrderManager& orders_;
  core::UserId user_;
  std::string strategy_;
  std::map<core::ClientOrderId, OrderState> states_;
  std::vector<core::ClientOrderId> dirty_;  // in the order they first changed
  std::vector<bus::FillEvent> fills_;       // since the last write
  std::size_t fill_count_ = 0;
  bus::SubscriptionId order_subscription_ = 0;
  bus::SubscriptionId fill_subscription_ = 0;
};

}  // namespace sigtrader::engine
