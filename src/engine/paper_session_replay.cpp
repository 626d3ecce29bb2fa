// PaperSession's restart: the deterministic replay up to the stored checkpoint and the check that
// it rebuilt the stored state (paper_session.hpp).
#include <optional>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include "engine/paper_journal.hpp"
#include "engine/paper_names.hpp"
#include "engine/paper_session.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

std::string optional_text(const std::optional<core::Price>& price) {
  return price ? price->to_string() : "none";
}

// Whether `replayed` holds every field of `stored` with the same value: objects may have fields
// the stored ones lack, arrays must have the same length.
bool holds_fields(const boost::json::value& replayed, const boost::json::value& stored) {
  if (stored.is_object()) {
    if (!replayed.is_object()) return false;
    const boost::json::object& have = replayed.get_object();
    for (const auto& [key, value] : stored.get_object()) {
      const auto found = have.find(key);
      if (found == have.end() || !holds_fields(found->value(), value)) return false;
    }
    return true;
  }
  if (stored.is_array()) {
    if (!replayed.is_array() || replayed.get_array().size() != stored.get_array().size()) {
      return false;
    }
    for (std::size_t i = 0; i < stored.get_array().size(); ++i) {
      if (!holds_fields(replayed.get_array()[i], stored.get_array()[i])) return false;
    }
    return true;
  }
  return replayed == stored;
}

// The replay's state matches the checkpoint. Fields are compared only as far as the checkpoint
// has them: one written by an older sigtrader lacks those added since (a position's mark, the
// risk status), which derive from what is compared; a session stopped before its first step still
// holds the empty "{}".
bool holds_stored_state(const std::string& replayed, const std::string& stored) {
  if (replayed == stored) return true;
  boost::json::error_code replayed_error;
  boost::json::error_code stored_error;
  const boost::json::value replayed_value = boost::json::parse(replayed, replayed_error);
  const boost::json::value stored_value = boost::json::parse(stored, stored_error);
  return !replayed_error && !stored_error && holds_fields(replayed_value, stored_value);
}

}  // namespace

core::Status PaperSession::replay(const storage::PaperSessionRow& stored) {
  const auto diverged = [&](const std::string& what) {
    return Error(
        ErrorCode::kRejected,
        fmt::format("paper session '{}' (id {}) cannot resume: replaying its inputs up to its "
                    "checkpoint ({}, step {}) does not give the state stored in the database: "
                    "{}. The strategy, the data, the stored signals or sigtrader itself changed "
                    "since the session stopped. Start a new session with --new-session (the old "
                    "session's rows stay in the database)",
                    stored.name, stored.id.value(),
                    stored.checkpoint ? stored.checkpoint->to_iso8601() : "none", stored.steps,
                    what));
  };
  SIGTRADER_TRY(to_replay_, store_.paper_session_signals(stored.id));
  next_sequence_ = to_replay_.empty() ? 0 : to_replay_.back().sequence + 1;
  SIGTRADER_TRY(commands_to_replay_, store_.session_operator_commands(stored.id));
  while (steps_ < stored.steps) {
    SIGTRADER_RETURN_IF_ERROR(schedule_journaled(steps_));
    if (auto reapplied = reapply_commands(steps_); !reapplied.ok()) {
      return diverged(reapplied.error().message());
    }
    if (sim_->done()) {
      return diverged(fmt::format("the data ran out after {} of {} steps", steps_, stored.steps));
    }
    auto stepped = sim_->step();
    if (!stepped.ok()) return diverged(stepped.error().message());
    // The replayed decisions are the stored risk_events rows already.
    if (strategy_.risk) (void)strategy_.risk->take_events();
    ++steps_;
  }
  SIGTRADER_RETURN_IF_ERROR(schedule_journaled(steps_));
  if (auto reapplied = reapply_commands(steps_); !reapplied.ok()) {
    return diverged(reapplied.error().message());
  }
  if (next_command_to_replay_ < commands_to_replay_.size()) {
    const storage::OperatorCommandRow& late = commands_to_replay_[next_command_to_replay_];
    return diverged(
        fmt::format("operator command {} ({}) is recorded at step {}, after the "
                    "checkpoint",
                    late.id.value(), late.kind, late.step.value_or(-1)));
  }
  journal_->mark_replayed();
  replayed_steps_ = steps_;
  resumed_ = true;

  if (sim_->last_instant() != stored.checkpoint) {
    return diverged(fmt::format(
        "the replay's last instant is {}",
        sim_->last_instant() ? sim_->last_instant()->to_iso8601() : std::string("none")));
  }
  if (const std::string state = state_json(); !holds_stored_state(state, stored.state_json)) {
    return diverged(
        fmt::format("positions and counters are {} in the replay but {} in the "
                    "database",
                    state, stored.state_json));
  }
  SIGTRADER_TRY(const std::vector<storage::OrderRow> stored_orders,
                store_.orders_with_client_prefix(paper_client_prefix(row_.id)));
  if (stored_orders.size() != journal_->orders().size()) {
    return diverged(fmt::format("the database holds {} orders of the session, the replay made {}",
                                stored_orders.size(), journal_->orders().size()));
  }
  for (const auto& [id, state] : journal_->orders()) {
    auto found = store_.find_order(id);
    if (!found.ok()) {
      return diverged(fmt::format("order {} of the replay is not in the database", id.str()));
    }
    const storage::OrderRow& row = *found;
    const storage::OrderRow& expected = state.row;
    const auto field = [&](std::string_view name, const std::string& in_store,
                           const std::string& in_replay) -> std::optional<std::string> {
      if (in_store == in_replay) return std::nullopt;
      return fmt::format("order {}: {} is {} in the database but {} in the replay", id.str(), name,
                         in_store, in_replay);
    };
    for (const auto& difference :
         {field("symbol", row.symbol.to_string(), expected.symbol.to_string()),
          field("side", std::string(core::to_string(row.side)),
                std::string(core::to_string(expected.side))),
          field("type", std::string(core::to_string(row.type)),
                std::string(core::to_string(expected.type))),
          field("quantity", row.quantity.to_string(), expected.quantity.to_string()),
          field("price", optional_text(row.price), optional_text(expected.price)),
          field("trigger price", optional_text(row.trigger_price),
                optional_text(expected.trigger_price)),
          field("status", std::string(core::to_string(row.status)),
                std::string(core::to_string(expected.status))),
          field("filled quantity", row.filled_quantity.to_string(),
                expected.filled_quantity.to_string())}) {
      if (difference) return diverged(*difference);
    }
    SIGTRADER_TRY(const std::vector<storage::FillRow> fills, store_.list_fills(row.id));
    if (fills.size() != state.fills) {
      return diverged(fmt::format("order {} has {} fills in the database but {} in the replay",
                                  id.str(), fills.size(), state.fills));
    }
  }
  if (steps_ > 0) {
    const storage::AccountSnapshotRow expected = snapshot();
    SIGTRADER_TRY(const storage::AccountSnapshotRow last,
                  store_.latest_account_snapshot(row_.user_id, expected.venue));
    if (last.equity != expected.equity || last.balance != expected.balance ||
        last.balances_json != expected.balances_json) {
      return diverged(
          fmt::format("the account is {} {} (balances {}) in the database but {} {} "
                      "(balances {}) in the replay",
                      last.equity.to_string(), last.currency, last.balances_json,
                      expected.equity.to_string(), expected.currency, expected.balances_json));
    }
  }
  return {};
}

}  // namespace sigtrader::engine
