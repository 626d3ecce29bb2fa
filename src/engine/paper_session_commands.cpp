// PaperSession's operator commands: applied between steps, stored with what they changed, and
// applied again at the same step by a replay (paper_session.hpp).
#include <algorithm>
#include <charconv>
#include <utility>

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

// More than a person queues between two steps; the rest wait for the next call.
constexpr std::size_t kCommandPage = 100;

// The reason the risk engine's and the kernel's records give for a close a person asked for.
constexpr std::string_view kOperatorClose = "operator_close";

// The command's arguments: a JSON object (an empty one for "{}").
core::Result<boost::json::object> parse_args(const storage::OperatorCommandRow& command) {
  boost::json::error_code ec;
  boost::json::value value = boost::json::parse(command.args_json, ec);
  if (ec || !value.is_object()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("the arguments of {} are not a JSON object: {}", command.kind,
                             command.args_json));
  }
  return std::move(value.get_object());
}

core::Result<std::string> text_arg(const boost::json::object& args, std::string_view key) {
  const boost::json::value* value = args.if_contains(key);
  if (value == nullptr || !value->is_string() || value->get_string().empty()) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("\"{}\" (a string) is missing", key));
  }
  return std::string(value->get_string());
}

// A positive integer id, given as a number or as its digits in a string.
core::Result<std::uint64_t> id_arg(const boost::json::object& args, std::string_view key) {
  const boost::json::value* value = args.if_contains(key);
  std::uint64_t id = 0;
  if (value != nullptr && value->is_int64() && value->get_int64() > 0) {
    id = static_cast<std::uint64_t>(value->get_int64());
  } else if (value != nullptr && value->is_uint64()) {
    id = value->get_uint64();
  } else if (value != nullptr && value->is_string()) {
    const std::string_view digits = value->get_string();
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (error != std::errc() || end != digits.data() + digits.size()) id = 0;
  }
  if (id == 0) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("\"{}\" (a positive integer) is missing", key));
  }
  return id;
}

}  // namespace

core::Result<std::size_t> PaperSession::apply_commands() {
  if (broken_) {
    return Error(ErrorCode::kStorage, "the paper session stopped after a failed write");
  }
  SIGTRADER_TRY(std::vector<storage::OperatorCommandRow> commands,
                store_.pending_operator_commands(row_.user_id, kCommandPage));
  if (commands.empty()) return std::size_t{0};
  const core::Timestamp applied_at = wall_now();
  for (storage::OperatorCommandRow& command : commands) {
    CommandOutcome outcome = apply_command(command);
    command.status = outcome.applied ? "applied" : "failed";
    command.result = std::move(outcome.result);
    command.applied_at = applied_at;
    command.session = row_.id;
    command.step = steps_;
  }
  if (auto written = write_commands(commands); !written.ok()) {
    // The commands changed the run but not the store: going on would let the two drift apart.
    broken_ = true;
    return written.error().with_context(
        fmt::format("storing the operator commands of paper session {} before step {}",
                    row_.id.value(), steps_ + 1));
  }
  return commands.size();
}

core::Status PaperSession::write_commands(
    const std::vector<storage::OperatorCommandRow>& commands) {
  return store_.in_transaction([&]() -> core::Status {
    for (const storage::OperatorCommandRow& command : commands) {
      SIGTRADER_RETURN_IF_ERROR(store_.finish_operator_command(command));
    }
    // Before the first step there is no instant to checkpoint; the replay then compares nothing
    // but what the commands wrote.
    if (const std::optional<core::Timestamp> instant = sim_->last_instant()) {
      return write_state(*instant);
    }
    SIGTRADER_RETURN_IF_ERROR(journal_->write(store_));
    return write_risk_events();
  });
}

core::Status PaperSession::reapply_commands(std::int64_t step) {
  for (; next_command_to_replay_ < commands_to_replay_.size() &&
         commands_to_replay_[next_command_to_replay_].step == step;
       ++next_command_to_replay_) {
    const storage::OperatorCommandRow& stored = commands_to_replay_[next_command_to_replay_];
    // Only the outcome is compared, not its words (a later sigtrader may say it otherwise): what
    // the command did is checked with the rest of the state after the replay.
    const CommandOutcome outcome = apply_command(stored);
    if (!outcome.applied) {
      return Error(
          ErrorCode::kRejected,
          fmt::format("operator command {} ({}) before step {} gave '{}' but failed in "
                      "the replay: {}",
                      stored.id.value(), stored.kind, step + 1, stored.result, outcome.result));
    }
  }
  // Their risk events are stored already.
  if (strategy_.risk) (void)strategy_.risk->take_events();
  return {};
}

PaperSession::CommandOutcome PaperSession::apply_command(
    const storage::OperatorCommandRow& command) {
  auto args = parse_args(command);
  if (!args) return CommandOutcome{.applied = false, .result = args.error().message()};
  const std::string_view who = command.who.empty() ? std::string_view("operator") : command.who;
  if (command.kind == "cancel_order") return cancel_order(*args);
  if (command.kind == "close_position") return close_position(*args);
  if (command.kind == "set_policy") return set_policy(*args, who);
  if (command.kind == "resume_breaker") return resume_breaker(who);
  if (command.kind == "approve") return answer_approval(*args, true, who);
  if (command.kind == "reject") return answer_approval(*args, false, who);
  return CommandOutcome{
      .applied = false,
      .result = fmt::format("unknown command '{}'; a paper session applies cancel_order, "
                            "close_position, set_policy, resume_breaker, approve and reject",
                            command.kind)};
}

PaperSession::CommandOutcome PaperSession::cancel_order(const boost::json::object& args) {
  auto id = text_arg(args, "client_order_id");
  if (!id) return CommandOutcome{.applied = false, .result = id.error().message()};
  const core::ClientOrderId order_id(*id);
  const execution::Order* order = sim_->orders().order(order_id);
  if (order == nullptr || !id->starts_with(paper_client_prefix(row_.id))) {
    return CommandOutcome{.applied = false,
                          .result = fmt::format("order '{}' is not an order of paper session {}",
                                                *id, row_.id.value())};
  }
  if (order->is_terminal()) {
    return CommandOutcome{
        .applied = false,
        .result = fmt::format("order '{}' is already {}", *id, core::to_string(order->status()))};
  }
  // The venue refuses before it changes anything.
  if (auto canceled = sim_->kernel().cancel(order_id); !canceled.ok()) {
    return CommandOutcome{.applied = false, .result = canceled.error().message()};
  }
  return CommandOutcome{.applied = true, .result = fmt::format("canceled order '{}'", *id)};
}

PaperSession::CommandOutcome PaperSession::close_position(const boost::json::object& args) {
  auto text = text_arg(args, "symbol");
  if (!text) return CommandOutcome{.applied = false, .result = text.error().message()};
  auto symbol = core::Symbol::try_parse(*text);
  if (!symbol) return CommandOutcome{.applied = false, .result = symbol.error().message()};
  const std::vector<strategy::MarketInfo>& markets = sim_->markets();
  const auto market = std::find_if(markets.begin(), markets.end(), [&](const auto& info) {
    return info.instrument.symbol == *symbol;
  });
  if (market == markets.end()) {
    return CommandOutcome{.applied = false,
                          .result = fmt::format("{} is not a market of paper session {}",
                                                symbol->to_string(), row_.id.value())};
  }
  Kernel& kernel = sim_->kernel();
  const execution::Position* position = kernel.position(market->index);
  if (position == nullptr || position->is_flat()) {
    return CommandOutcome{
        .applied = false,
        .result = fmt::format("there is no open {} position to close", symbol->to_string())};
  }
  // The kernel keeps one close at a time; refusing here leaves the position's exits in place.
  if (const std::optional<core::ClientOrderId>& in_flight = kernel.close_in_flight(market->index)) {
    return CommandOutcome{.applied = false,
                          .result = fmt::format("a close of {} is already in flight (order '{}')",
                                                symbol->to_string(), in_flight->str())};
  }
  const std::string quantity = position->quantity().abs().to_string();
  auto close = strategy_.follower != nullptr
                   ? strategy_.follower->close_position(kernel, market->index, kOperatorClose)
                   : kernel.exit(market->index, kOperatorClose);
  if (!close) {
    // The follower canceled the position's exits before the close was refused.
    return CommandOutcome{.applied = true,
                          .result = fmt::format("the close of {} was refused: {}",
                                                symbol->to_string(), close.error().message())};
  }
  return CommandOutcome{.applied = true,
                        .result = fmt::format("closing {} {} at market: order '{}'", quantity,
                                              symbol->to_string(), close->str())};
}

PaperSession::CommandOutcome PaperSession::set_policy(const boost::json::object& args,
                                                      std::string_view who) {
  if (!strategy_.risk) {
    return CommandOutcome{
        .applied = false,
        .result = fmt::format("paper session {} trades without a risk setup: it has no policy",
                              row_.id.value())};
  }
  auto name = text_arg(args, "policy");
  if (!name) return CommandOutcome{.applied = false, .result = name.error().message()};
  auto policy = risk::try_parse_policy(*name);
  if (!policy) return CommandOutcome{.applied = false, .result = policy.error().message()};
  const bool switched = strategy_.risk->switch_policy(sim_->clock().now(), *policy, who);
  return CommandOutcome{
      .applied = true,
      .result = fmt::format("the policy {} {}", switched ? "is now" : "was already",
                            risk::policy_name(*policy))};
}

PaperSession::CommandOutcome PaperSession::resume_breaker(std::string_view who) {
  if (!strategy_.risk) {
    return CommandOutcome{
        .applied = false,
        .result = fmt::format("paper session {} trades without a risk setup: it has no breaker",
                              row_.id.value())};
  }
  const bool resumed = strategy_.risk->resume(sim_->clock().now(), who);
  return CommandOutcome{.applied = true,
                        .result = resumed ? "the breaker is closed again: entries may go ahead"
                                          : "the breaker was already closed"};
}

PaperSession::CommandOutcome PaperSession::answer_approval(const boost::json::object& args,
                                                           bool approve, std::string_view who) {
  if (strategy_.follower == nullptr) {
    return CommandOutcome{.applied = false,
                          .result = fmt::format("the strategy {} queues no signals for approval",
                                                config_.strategy_name)};
  }
  auto id = id_arg(args, "approval_id");
  if (!id) return CommandOutcome{.applied = false, .result = id.error().message()};
  const std::vector<std::uint64_t> waiting = strategy_.follower->awaiting_approval();
  if (std::find(waiting.begin(), waiting.end(), *id) == waiting.end()) {
    return CommandOutcome{.applied = false,
                          .result = fmt::format("no signal waits for approval {}", *id)};
  }
  Kernel& kernel = sim_->kernel();
  if (!approve) {
    const core::Status rejected = strategy_.follower->reject(kernel, *id, who);
    return CommandOutcome{.applied = true,
                          .result = rejected.ok() ? fmt::format("approval {} rejected", *id)
                                                  : rejected.error().message()};
  }
  // Approved or refused by the risk engine, the signal has left the queue: either way applied.
  const core::Status approved = strategy_.follower->approve(kernel, *id, who);
  return CommandOutcome{.applied = true,
                        .result = approved.ok()
                                      ? fmt::format("approval {} approved: entered at market", *id)
                                      : fmt::format("approval {} approved, then refused: {}", *id,
                                                    approved.error().message())};
}

}  // namespace sigtrader::engine
