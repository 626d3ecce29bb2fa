#pragma once

#include <optional>
#include <variant>
#include <vector>

#include "core/decimal.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "risk/entry_request.hpp"
#include "risk/sizer_edge.hpp"

namespace sigtrader::risk {

// Percentages are written as percent (1 = 1 %) and kept as exact decimals, so that "risk 1 %"
// means exactly 0.01 of equity. Statistics from a channel's record (trust, Kelly) are doubles,
// turned into a decimal factor with 6 places before they touch money.

// A fixed amount of the quote currency per entry: 500 USDT at 42000 buys 0.0119047… BTC.
struct FixedNotional {
  core::Money notional;
};

// A share of equity per entry: 5 % of 10000 USDT is a 500 USDT position.
struct PercentOfEquity {
  core::Decimal percent;
};

// Sized from the request's stop loss so that the stop costs `risk_percent` of equity before
// fees: quantity = equity × risk% / |entry − stop|. Refuses an entry without a stop.
struct RiskPerTrade {
  core::Decimal risk_percent;
};

// Risk-per-trade with the stop distance taken as `atr_multiple` × the symbol's ATR (the request's
// own stop does not size): quantity = equity × risk% / (k × ATR). Refuses without an ATR.
struct AtrRisk {
  core::Decimal risk_percent;
  core::Decimal atr_multiple = core::Decimal::from_int(2);
};

// Risk-per-trade with the share at risk from the Kelly criterion on the channel's record:
// share = min(kelly_multiplier × f*, max_risk_percent %), f* = W − (1 − W) / R (kelly_fraction()).
// Refuses when f* <= 0, without a stop, or with fewer than `min_signals` closed signals.
struct KellyRisk {
  core::Decimal kelly_multiplier = core::Decimal::parse("0.5");  // 0.5 = "half Kelly"; 0 < k <= 1
  core::Decimal max_risk_percent = core::Decimal::from_int(2);
  int min_signals = 30;
};

using SizingRule = std::variant<FixedNotional, PercentOfEquity, RiskPerTrade, AtrRisk, KellyRisk>;

// How entries are sized: a rule, optionally scaled by the channel's trust, capped by a maximum
// notional and always by the buying power (request leverage × equity).
struct SizerConfig {
  SizingRule rule;
  std::optional<TrustWeighting> trust;
  std::optional<core::Money> max_notional;
};

// Checks every field of the config; the error names the field and the allowed range.
core::Status validate(const SizerConfig& config);

// What the sizer needs besides the request and the instrument.
struct SizingInput {
  core::Money equity;                         // AccountView::equity, in the quote currency
  std::optional<core::Price> atr;             // the symbol's ATR, for AtrRisk
  std::optional<ChannelTrust> channel_trust;  // the request's channel's record, when known
};

// The size of an accepted entry and how it was reached.
struct SizedEntry {
  core::Quantity quantity;  // positive, a whole multiple of the step, >= min qty and min notional
  core::Money notional;     // quantity × entry
  // The loss if the stop is hit, before fees: quantity × the stop distance that sized the entry
  // (k × ATR for AtrRisk), else the request's stop; empty when neither exists.
  std::optional<core::Money> risk_at_stop;
  // One note per step that shaped the size, in order: "sized", "trust_scaled" / "trust_neutral",
  // "capped", "rounded_to_step". For the decision log.
  std::vector<RiskReason> notes;
};

// Sizes an entry. Steps: the rule's amount (a notional, or the money to lose at the stop) →
// × trust multiplier → quantity (amount / entry or / stop distance) → capped by max_notional and
// leverage × equity → rounded DOWN to the instrument's step (never more than asked) → checked
// against min qty and min notional.
// Errors: kRejected when this entry cannot be sized ("risk-per-trade needs a stop-loss", "size
// 0.0004 BTC (16.8 USDT) is below the minimum notional 20 USDT"); the engine records them as
// RiskReason{"sizing", message}. kInvalidArgument for an invalid config or input.
core::Result<SizedEntry> size_entry(const SizerConfig& config, const EntryRequest& request,
                                    const core::Instrument& instrument, const SizingInput& input);

}  // namespace sigtrader::risk
