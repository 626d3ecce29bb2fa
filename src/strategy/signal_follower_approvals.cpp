// The signal follower's approvals: entries the risk engine queued wait here until a person
// approves (entered at market), rejects or lets them expire (on_timer).
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "strategy/signal_follower.hpp"

namespace sigtrader::strategy {

using core::Error;
using core::ErrorCode;

SignalFollower::Followed* SignalFollower::awaiting(std::uint64_t id) {
  for (auto& [key, followed] : followed_) {
    if (!followed.done && followed.approval == id) return &followed;
  }
  return nullptr;
}

std::vector<std::uint64_t> SignalFollower::awaiting_approval() const {
  std::vector<std::pair<core::Timestamp, std::uint64_t>> waiting;
  for (const auto& [key, followed] : followed_) {
    if (!followed.done && followed.approval)
      waiting.emplace_back(followed.received_at, *followed.approval);
  }
  std::sort(waiting.begin(), waiting.end());
  std::vector<std::uint64_t> ids;
  for (const auto& [at, id] : waiting)
    ids.push_back(id);
  return ids;
}

core::Status SignalFollower::approve(StrategyContext& context, std::uint64_t id,
                                     std::string_view who) {
  Followed* followed = awaiting(id);
  if (followed == nullptr) {
    return Error(ErrorCode::kNotFound, fmt::format("no signal waits for approval {}", id));
  }
  SignalOutcome& outcome = outcomes_[followed->outcome];
  const SignalKey key{followed->signal.channel.str(), followed->signal.message_id.value()};
  const auto history = context.history(followed->market);
  const core::Price reference = !history.empty() ? history.back().close
                                : !followed->signal.entries.empty()
                                    ? followed->signal.entries.front()
                                    : core::Price();
  auto size =
      approvals_.approve
          ? approvals_.approve(id,
                               EntrySizingRequest{context.markets()[followed->market],
                                                  followed->side, reference, followed->stop_price,
                                                  followed->targets, followed->signal, context},
                               who)
          : core::Result<EntrySize>(
                Error(ErrorCode::kRejected, "approvals are not connected to a risk engine"));
  followed->approval.reset();
  if (!size) {
    followed->done = true;
    outcome.end = SignalEnd::kRejected;
    outcome.reasons.push_back(fmt::format("approved, then refused: {}", size.error().message()));
    return size.error();
  }
  outcome.reasons.push_back(fmt::format("approved (approval {}): entered at market", id));
  followed->expires_at = context.now() + followed->config->entry_expiry;
  const core::Status sent =
      send_entries(context, key, *followed, *size, reference, std::nullopt, true, std::nullopt);
  if (!sent.ok() || followed->entries.empty()) {
    followed->done = true;
    outcome.end = SignalEnd::kRejected;
    outcome.reasons.push_back("no entry order was accepted");
    return Error(ErrorCode::kRejected, "no entry order was accepted");
  }
  start_following(context, *followed, true);
  return {};
}

core::Status SignalFollower::reject(StrategyContext& context, std::uint64_t id,
                                    std::string_view who) {
  Followed* followed = awaiting(id);
  if (followed == nullptr) {
    return Error(ErrorCode::kNotFound, fmt::format("no signal waits for approval {}", id));
  }
  if (approvals_.reject) approvals_.reject(id, context.now(), who);
  followed->approval.reset();
  followed->done = true;
  SignalOutcome& outcome = outcomes_[followed->outcome];
  outcome.end = SignalEnd::kRejected;
  outcome.reasons.push_back(fmt::format("rejected by {} (approval {})", who, id));
  return {};
}

}  // namespace sigtrader::strategy
