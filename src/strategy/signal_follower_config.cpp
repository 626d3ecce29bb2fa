#include "strategy/signal_follower_config.hpp"

#include <string>

#include <fmt/format.h>

namespace sigtrader::strategy {
namespace {

using core::Decimal;
using core::Error;
using core::ErrorCode;

// "0.5,0.25,0.25" → decimals; kConfig naming the key on a bad item.
core::Result<std::vector<Decimal>> parse_list(const std::string& key, const std::string& text) {
  std::vector<Decimal> values;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    while (!item.empty() && item.front() == ' ')
      item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ')
      item.remove_suffix(1);
    auto value = Decimal::try_parse(item);
    if (!value || !value->is_positive()) {
      return Error(ErrorCode::kConfig,
                   fmt::format("strategy.params.{} = \"{}\": \"{}\" is not a positive number; "
                               "expected comma-separated positive numbers",
                               key, text, item));
    }
    values.push_back(*value);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (values.empty()) {
    return Error(ErrorCode::kConfig, fmt::format("strategy.params.{} is empty; expected "
                                                 "comma-separated positive numbers",
                                                 key));
  }
  return values;
}

}  // namespace

std::string_view to_string(EntryMode mode) {
  switch (mode) {
    case EntryMode::kMarket:
      return "market";
    case EntryMode::kLimitFirst:
      return "limit_first";
    case EntryMode::kLimitMid:
      return "limit_mid";
    case EntryMode::kSplit:
      return "split";
  }
  return "market";
}

std::string_view to_string(Trailing trailing) {
  switch (trailing) {
    case Trailing::kNone:
      return "none";
    case Trailing::kMovingTarget:
      return "moving_target";
    case Trailing::kPercent:
      return "percent";
  }
  return "none";
}

std::optional<Trailing> parse_trailing(std::string_view text) {
  for (Trailing trailing : {Trailing::kNone, Trailing::kMovingTarget, Trailing::kPercent}) {
    if (text == to_string(trailing)) return trailing;
  }
  return std::nullopt;
}

std::optional<EntryMode> parse_entry_mode(std::string_view text) {
  for (EntryMode mode :
       {EntryMode::kMarket, EntryMode::kLimitFirst, EntryMode::kLimitMid, EntryMode::kSplit}) {
    if (text == to_string(mode)) return mode;
  }
  return std::nullopt;
}

core::Result<SignalFollowerConfig> SignalFollowerConfig::from(Parameters parameters) {
  SignalFollowerConfig config;
  const std::string entry = parameters.text("entry", "limit_first");
  config.split.orders = static_cast<std::size_t>(parameters.integer("split_orders", 2, 1, 100));
  const std::string ratio = parameters.text("split_ratio", "even");
  const std::string weights = parameters.text("split_weights", "");
  const std::string tp_split = parameters.text("tp_split", "0.5,0.25,0.25");
  config.breakeven_after_tp = static_cast<int>(parameters.integer("breakeven_after_tp", 1, 0, 100));
  config.entry_expiry =
      core::Duration::hours(parameters.integer("entry_expiry_hours", 24, 1, 24 * 365));
  config.skip_without_stop = parameters.boolean("skip_without_stop", true);
  config.min_confidence = parameters.number("min_confidence", 0.0, 0.0, 1.0);
  const double notional = parameters.number("notional", 100.0, 0.0, 1e12);
  const std::string trailing = parameters.text("trailing", "none");
  config.trail_after_tp = static_cast<int>(parameters.integer("trail_after_tp", 1, 0, 100));
  const double trail_pct = parameters.number("trail_pct", 5.0, 0.01, 99.0);
  const std::int64_t stop_timeout = parameters.integer("stop_timeout_minutes", 0, 0, 60 * 24 * 30);
  SIGTRADER_RETURN_IF_ERROR(parameters.finish());

  const auto mode = parse_entry_mode(entry);
  if (!mode) {
    return Error(ErrorCode::kConfig,
                 fmt::format("strategy.params.entry = \"{}\": expected market, limit_first, "
                             "limit_mid or split",
                             entry));
  }
  config.entry = *mode;
  const auto split_ratio = parse_split_ratio(ratio);
  if (!split_ratio) {
    return Error(ErrorCode::kConfig,
                 fmt::format("strategy.params.split_ratio = \"{}\": expected even, increasing, "
                             "decreasing or custom",
                             ratio));
  }
  config.split.ratio = *split_ratio;
  if (config.split.ratio == SplitRatio::kCustom) {
    SIGTRADER_TRY(config.split.custom_weights, parse_list("split_weights", weights));
    if (config.split.custom_weights.size() != config.split.orders) {
      return Error(ErrorCode::kConfig,
                   fmt::format("strategy.params.split_weights = \"{}\": {} weights for "
                               "split_orders = {}; expected one weight per order",
                               weights, config.split.custom_weights.size(), config.split.orders));
    }
  }
  SIGTRADER_TRY(config.tp_split, parse_list("tp_split", tp_split));
  const auto trailing_mode = parse_trailing(trailing);
  if (!trailing_mode) {
    return Error(ErrorCode::kConfig,
                 fmt::format("strategy.params.trailing = \"{}\": expected none, moving_target or "
                             "percent",
                             trailing));
  }
  config.trailing = *trailing_mode;
  SIGTRADER_TRY(config.trail_pct, Decimal::from_double(trail_pct, 4, core::Rounding::kHalfEven));
  if (stop_timeout > 0) config.stop_timeout = core::Duration::minutes(stop_timeout);
  SIGTRADER_TRY(config.notional_per_signal,
                core::Money::from_double(notional, 8, core::Rounding::kHalfEven));
  if (!config.notional_per_signal.is_positive()) {
    return Error(ErrorCode::kConfig, "strategy.params.notional = 0: expected a positive amount");
  }
  return config;
}

core::Result<std::map<std::string, SignalFollowerConfig>> channel_follower_configs(
    const Parameters& base, const std::map<std::string, Parameters>& channels) {
  std::map<std::string, SignalFollowerConfig> configs;
  for (const auto& [channel, overrides] : channels) {
    Parameters merged = base;
    for (const auto& [key, value] : overrides.values())
      merged.set(key, value);
    auto config = SignalFollowerConfig::from(std::move(merged));
    if (!config) return config.error().with_context(fmt::format("channel {}", channel));
    configs.emplace(channel, std::move(*config));
  }
  return configs;
}

}  // namespace sigtrader::strategy
