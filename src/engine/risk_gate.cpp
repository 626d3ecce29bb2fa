#include "engine/risk_gate.hpp"

#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "market/indicators/atr.hpp"

namespace sigtrader::engine {
namespace {

using core::Error;
using core::ErrorCode;

constexpr int kAtrScale = 12;

// The ATR of the last candles of `history`, when there are enough of them.
std::optional<core::Price> atr_of(std::span<const market::Candle> history, std::size_t period) {
  if (period == 0 || history.size() < period + 1) return std::nullopt;
  market::indicators::Atr atr(period);
  double value = 0;
  for (const market::Candle& candle : history) {
    value = atr.update(candle.high.to_double(), candle.low.to_double(), candle.close.to_double());
  }
  if (!std::isfinite(value) || !(value > 0)) return std::nullopt;
  auto price = core::Price::from_double(value, kAtrScale, core::Rounding::kHalfEven);
  if (!price) return std::nullopt;
  return *price;
}

std::string joined_reasons(const std::vector<risk::RiskReason>& reasons) {
  std::string text = "risk: ";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    text += (i == 0 ? "" : "; ") + reasons[i].text;
  }
  return text;
}

}  // namespace

RiskGate::RiskGate(risk::RiskEngine& engine, RiskGateOptions options)
    : engine_(engine), options_(std::move(options)) {}

strategy::EntrySizer RiskGate::sizer() {
  return [this](const strategy::EntrySizingRequest& request) { return size(request); };
}

strategy::OutcomeObserver RiskGate::observer() {
  return [this](const strategy::SignalOutcome& outcome, const strategy::StrategyContext& context) {
    closed(outcome, context);
  };
}

risk::AccountView RiskGate::account(const strategy::StrategyContext& context) {
  risk::AccountView view;
  std::map<core::Symbol, core::Price> marks;
  for (const strategy::MarketInfo& market : context.markets()) {
    const auto history = context.history(market.index);
    if (history.empty()) continue;
    const core::Price mark = history.back().close;
    marks.emplace(market.instrument.symbol, mark);
    const execution::Position* position = context.position(market.index);
    if (position == nullptr || position->quantity().is_zero()) continue;
    view.positions.push_back(risk::OpenPosition{
        market.instrument.symbol,
        position->quantity().is_negative() ? core::PositionSide::kShort : core::PositionSide::kLong,
        position->quantity().abs() * mark});
  }
  // A market with a position but no candle yet cannot be marked; cash alone is the best reading.
  const core::Money equity = context.portfolio().equity(marks).value_or(context.portfolio().cash());
  const core::Timestamp day = context.now().start_of_day();
  if (!day_start_ || *day_start_ != day) {
    day_start_ = day;
    day_start_equity_ = equity;
  }
  if (!peak_equity_ || equity > *peak_equity_) peak_equity_ = equity;
  view.equity = equity;
  view.peak_equity = *peak_equity_;
  view.day_start_equity = *day_start_equity_;
  return view;
}

core::Result<strategy::EntrySize> RiskGate::size(const strategy::EntrySizingRequest& request) {
  const strategy::StrategyContext& context = request.context;
  const auto history = context.history(request.market.index);
  risk::EntryRequest entry;
  entry.ts = context.now();
  entry.channel = request.signal.channel;
  entry.message_id = request.signal.message_id;
  entry.symbol = request.market.instrument.symbol;
  entry.side = request.side;
  entry.entry = request.entry;
  entry.stop_loss = request.stop;
  entry.targets = request.targets;
  // The market's configured leverage is what the position is traded at, whatever the post says.
  entry.leverage = request.market.leverage;
  entry.confidence = request.signal.confidence;
  entry.signal_ts = request.signal.header.ts_event;

  const core::Price last_price = history.empty() ? request.entry : history.back().close;
  const risk::RiskDecision decision = engine_.decide(
      entry, account(context), request.market.instrument, last_price, inputs_for(request));
  if (decision.kind == risk::DecisionKind::kQueued && decision.approval_id) {
    // Not traded now: a person decides (SignalFollower::approve / reject) before it expires.
    strategy::EntrySize queued{core::Quantity(), decision.stop_loss, decision.targets};
    queued.approval = decision.approval_id->value();
    for (const risk::PendingApproval& pending : engine_.pending_approvals()) {
      if (pending.id == *decision.approval_id) queued.approval_expires_at = pending.expires_at;
    }
    return queued;
  }
  if (!decision.accepted()) return Error(ErrorCode::kRejected, joined_reasons(decision.reasons));
  engine_.record_entry(entry);
  return strategy::EntrySize{decision.quantity, decision.stop_loss, decision.targets};
}

risk::DecisionInputs RiskGate::inputs_for(const strategy::EntrySizingRequest& request) {
  risk::DecisionInputs inputs;
  inputs.atr = atr_of(request.context.history(request.market.index), options_.atr_period);
  if (const auto trust = options_.channel_trust.find(request.signal.channel.str());
      trust != options_.channel_trust.end()) {
    inputs.channel_trust = trust->second;
  }
  if (request.context.markets().size() > 1) {
    risk::ReturnSeries returns;
    for (const strategy::MarketInfo& market : request.context.markets()) {
      auto history = request.context.history(market.index);
      if (history.size() > options_.return_window + 1) {
        history = history.last(options_.return_window + 1);
      }
      std::vector<double>& series = returns[market.instrument.symbol];
      for (std::size_t i = 1; i < history.size(); ++i) {
        const double previous = history[i - 1].close.to_double();
        if (previous > 0) series.push_back(history[i].close.to_double() / previous - 1.0);
      }
    }
    groups_ = engine_.exposure_groups(returns);
    inputs.exposure_groups = &*groups_;
  }
  return inputs;
}

strategy::ApprovalHooks RiskGate::approval_hooks() {
  strategy::ApprovalHooks hooks;
  hooks.approve = [this](std::uint64_t id, const strategy::EntrySizingRequest& request,
                         std::string_view who) { return approve(id, request, who); };
  hooks.reject = [this](std::uint64_t id, core::Timestamp now, std::string_view who) {
    (void)engine_.reject_approval(risk::ApprovalId(id), now, who);
  };
  hooks.expire = [this](core::Timestamp now) { (void)engine_.expire_approvals(now); };
  return hooks;
}

core::Result<strategy::EntrySize> RiskGate::approve(std::uint64_t id,
                                                    const strategy::EntrySizingRequest& request,
                                                    std::string_view who) {
  const strategy::StrategyContext& context = request.context;
  std::optional<risk::EntryRequest> pending;
  for (const risk::PendingApproval& item : engine_.pending_approvals()) {
    if (item.id == risk::ApprovalId(id)) pending = item.request;
  }
  SIGTRADER_TRY(const risk::RiskDecision decision,
                engine_.approve(risk::ApprovalId(id), context.now(), who, account(context),
                                request.market.instrument, request.entry, inputs_for(request)));
  if (!decision.accepted()) return Error(ErrorCode::kRejected, joined_reasons(decision.reasons));
  if (pending) {
    pending->ts = context.now();  // its cooldown starts at the entry, not at the queueing
    engine_.record_entry(*pending);
  }
  return strategy::EntrySize{decision.quantity, decision.stop_loss, decision.targets};
}

void RiskGate::closed(const strategy::SignalOutcome& outcome,
                      const strategy::StrategyContext& context) {
  const risk::AccountView view = account(context);
  engine_.on_trade_closed(context.now(), outcome.pnl(), view.equity);
}

}  // namespace sigtrader::engine
