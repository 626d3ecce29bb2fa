#pragma once

#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "risk/entry_request.hpp"
#include "risk/exposure_groups.hpp"
#include "risk/symbol_mapping.hpp"

namespace sigtrader::risk {

// The limits an entry is checked against before any order exists. Every limit is inclusive: a
// value equal to the limit passes, one step beyond is refused (except the stale-price rule, where
// a price already at the target or the stop is stale).
struct ValidatorConfig {
  // The classifier's confidence must be at least this (0..1).
  double min_confidence = 0.7;
  // Only these symbols may be entered; empty allows every symbol. Checked after the mapping
  // (symbol_mappings, symbol_map), so they name venue symbols.
  std::set<core::Symbol> allowed_symbols;
  // These symbols are never entered, even when allowed. Checked after the mapping.
  std::set<core::Symbol> denied_symbols;
  // Renames a signal's symbol to the venue's before every other check. It renames only: the
  // request's prices and `last_price` must already be in the same units. For a venue that trades
  // the asset in lots (1000PEPE/USDT) use symbol_mappings.
  std::map<core::Symbol, core::Symbol> symbol_map;
  // Maps a signal's symbol to the venue's and its prices to the venue's units, e.g. PEPE/USDT ->
  // {1000PEPE/USDT, 1000}: RiskEngine::decide() multiplies the entry, stop and targets before
  // sizing. A symbol may be in symbol_map or here, not both.
  std::map<core::Symbol, SymbolMapping> symbol_mappings;
  // No new entry on a symbol until this long after the last recorded entry on it.
  core::Duration symbol_cooldown = core::Duration::minutes(30);
  // Open positions allowed, counting this entry.
  int max_open_positions = 5;
  // Notional on one symbol (open positions plus this entry), in % of equity.
  double max_symbol_exposure_pct = 20.0;
  // Notional over all positions plus this entry, in % of equity.
  double max_total_exposure_pct = 100.0;
  // Symbols whose recent returns correlate at or above this (Pearson r) are one exposure group,
  // transitively (see group_by_correlation()). Above 1 no pair qualifies, which turns grouping off
  // (kNoCorrelationGrouping). 0.8: majors that usually move with BTC group with it; pairs that
  // merely share the market's direction on some days do not.
  double correlation_threshold = 0.8;
  // A pair with fewer common returns than this is never correlated: too little evidence (r of a
  // handful of points is mostly noise). At least 3.
  int correlation_min_points = 10;
  // Notional on one correlated group (open positions on any of its symbols plus this entry), in %
  // of equity: a long BTC and a long ETH are close to one bet. Applies to groups of two or more
  // symbols; a symbol alone is held by max_symbol_exposure_pct. Checked only when the decision is
  // given groups (DecisionInputs::exposure_groups).
  double max_group_exposure_pct = 30.0;
  // Leverage above this is refused, never capped silently.
  int max_leverage = 10;
  // Drawdown from peak equity, in %, beyond which entries halt.
  double max_drawdown_pct = 20.0;
  // drawdown_risk_scale() at max_drawdown_pct (0..1).
  double drawdown_scale_floor = 0.25;
  // A signal older than this (request.ts - request.signal_ts) is stale.
  core::Duration max_signal_age = core::Duration::minutes(5);
  // A second signal from the same channel on the same symbol and side within this long of the
  // last recorded one (by signal_ts) is a duplicate.
  core::Duration duplicate_window = core::Duration::hours(1);
  // Refuse requests the parser flagged (request.warnings non-empty). Stops and targets on the
  // wrong side of the entry are refused regardless: those numbers cannot be traded as given.
  bool reject_inconsistent = true;

  // The limits make sense together; the error names the field and the expected range.
  core::Status validate() const;
};

// A correlation_threshold that groups nothing: no correlation is above 1.
inline constexpr double kNoCorrelationGrouping = 2.0;

// What the validator decided and every reason it refused (empty when accepted).
struct ValidationResult {
  bool accepted = false;
  std::vector<RiskReason> reasons;
  core::Symbol symbol;  // the request's symbol after the mapping (the venue's)
};

// Checks entries against ValidatorConfig and remembers what the stateful checks need: the last
// entry time per symbol (cooldown) and the last signal per channel, symbol and side (duplicates).
// validate() runs every check and reports every failure; it changes nothing, so asking twice
// gives the same answer. record_entry() is what moves the memory forward.
class EntryValidator {
 public:
  // `config` must pass ValidatorConfig::validate() (asserted).
  explicit EntryValidator(ValidatorConfig config);

  // `last_price` is the market's price when the request is decided (for the stale-price check);
  // `entry_notional` the notional the sizer gave this entry (for the exposure checks).
  // The stale-signal and duplicate checks apply only to requests with a channel: a strategy's
  // own entries are not signals. `groups` (venue symbols) enables the group exposure check; null
  // skips it, as nothing is known about which symbols move together. Prices are in venue units.
  ValidationResult validate(const EntryRequest& request, const AccountView& account,
                            core::Price last_price, core::Money entry_notional,
                            const ExposureGroups* groups = nullptr) const;

  // Call once an accepted entry has been sent: starts the symbol's cooldown and the duplicate
  // window of the request's channel, symbol and side. Forgets memory that can no longer matter.
  void record_entry(const EntryRequest& request);

  // The symbol the checks use for `symbol`: its symbol_mappings or symbol_map target, or itself.
  core::Symbol mapped_symbol(const core::Symbol& symbol) const;
  // The venue symbol and price multiplier for `symbol`: from symbol_mappings, else symbol_map
  // (multiplier 1), else itself at multiplier 1.
  SymbolMapping mapping_for(const core::Symbol& symbol) const;

  const ValidatorConfig& config() const { return config_; }

 private:
  using SignalKey = std::tuple<core::ChannelId, core::Symbol, core::PositionSide>;

  ValidatorConfig config_;
  std::map<core::Symbol, core::Timestamp> last_entry_;  // by mapped symbol, at request.ts
  std::map<SignalKey, core::Timestamp> last_signal_;    // by mapped symbol, at request.signal_ts
};

// Drawdown from peak equity in % (0 at or above the peak, 100 at zero equity); 0 when the peak
// is not positive, as there is nothing to measure from.
double drawdown_pct(const AccountView& account);

// The notional a new entry on `symbol` may add before the symbol's or the total exposure limit
// is reached (zero once one is): the risk engine shrinks an entry to it rather than refuse one
// that only its size makes too big.
core::Money exposure_headroom(const ValidatorConfig& config, const core::Symbol& symbol,
                              const AccountView& account);

// How much of the normal risk per trade to take at the account's drawdown d (in %):
//   scale = 1 - (1 - floor) × min(d, max) / max
// with max = config.max_drawdown_pct and floor = config.drawdown_scale_floor. 1 at the peak,
// falling linearly to the floor at max_drawdown_pct (and staying there beyond it), and rising
// back the same way as equity recovers toward the peak. Peak 10000, equity 9000, max 20, floor
// 0.25: d = 10, scale = 1 - 0.75 × 0.5 = 0.625.
double drawdown_risk_scale(const AccountView& account, const ValidatorConfig& config);

}  // namespace sigtrader::risk
