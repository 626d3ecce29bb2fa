#include "risk/approval_queue.hpp"

#include <utility>

#include "core/assert.hpp"

namespace sigtrader::risk {

ApprovalQueue::ApprovalQueue(std::size_t capacity) : capacity_(capacity) {
  SIGTRADER_ASSERT(capacity_ >= 1, "an approval queue holds at least one entry");
}

ApprovalId ApprovalQueue::add(PendingApproval item) {
  SIGTRADER_ASSERT(!full(), "make room in the approval queue before adding");
  const ApprovalId id(next_id_++);
  item.id = id;
  items_.emplace(id, std::move(item));
  return id;
}

std::optional<PendingApproval> ApprovalQueue::take(ApprovalId id) {
  auto node = items_.extract(id);
  if (node.empty()) return std::nullopt;
  return std::move(node.mapped());
}

std::vector<PendingApproval> ApprovalQueue::take_expired(core::Timestamp now) {
  std::vector<PendingApproval> expired;
  for (auto it = items_.begin(); it != items_.end();) {
    if (it->second.expires_at <= now) {
      expired.push_back(std::move(it->second));
      it = items_.erase(it);
    } else {
      ++it;
    }
  }
  return expired;
}

std::optional<PendingApproval> ApprovalQueue::take_oldest() {
  if (items_.empty()) return std::nullopt;
  return take(items_.begin()->first);
}

std::vector<PendingApproval> ApprovalQueue::items() const {
  std::vector<PendingApproval> out;
  out.reserve(items_.size());
  for (const auto& [id, item] : items_)
    out.push_back(item);
  return out;
}

}  // namespace sigtrader::risk
