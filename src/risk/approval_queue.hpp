#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/time.hpp"
#include "risk/entry_request.hpp"

namespace sigtrader::risk {

struct ApprovalIdTag {};
// A queued entry's number: 1, 2, 3 ... per engine, in the order they were queued; what a person
// quotes to approve or reject it ("/approve 7").
using ApprovalId = core::NumericId<ApprovalIdTag>;

// A signal that waits for a person: its confidence was below the minimum but at or above the
// approval floor, and nothing else refused it.
struct PendingApproval {
  ApprovalId id;
  EntryRequest request;        // as decide() received it: the signal's symbol, units and times
  core::Symbol symbol;         // the venue's symbol
  core::Timestamp queued_at;   // request.ts
  core::Timestamp expires_at;  // queued_at + RiskEngineConfig::approval_expiry
  core::Quantity quantity;     // the size at queue time, to show; approval sizes it again
  core::Money notional;        // quantity × entry at queue time (venue units)
  std::string reason;          // why it needs a person (the min_confidence text)
};

// The entries waiting for approval, oldest first, at most `capacity` of them. A container only:
// the risk engine decides what goes in and publishes every transition.
class ApprovalQueue {
 public:
  // `capacity` >= 1 (asserted).
  explicit ApprovalQueue(std::size_t capacity);

  // Gives `item` the next id and keeps it. The queue must have room (asserted): the engine makes
  // room with take_expired() and take_oldest() first.
  ApprovalId add(PendingApproval item);
  // Removes and returns the item with `id`; nullopt when there is none.
  std::optional<PendingApproval> take(ApprovalId id);
  // Removes and returns every item whose expires_at is at or before `now`, oldest first.
  std::vector<PendingApproval> take_expired(core::Timestamp now);
  // Removes and returns the oldest item; nullopt when empty.
  std::optional<PendingApproval> take_oldest();

  // Every item, oldest first.
  std::vector<PendingApproval> items() const;
  std::size_t size() const { return items_.size(); }
  bool full() const { return items_.size() >= capacity_; }
  std::size_t capacity() const { return capacity_; }

 private:
  std::size_t capacity_;
  std::int64_t next_id_ = 1;
  std::map<ApprovalId, PendingApproval> items_;  // ids only grow, so id order is queue order
};

}  // namespace sigtrader::risk
