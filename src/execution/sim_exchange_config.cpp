#include "execution/sim_exchange_config.hpp"

#include <vector>

#include <fmt/format.h>

namespace sigtrader::execution {

core::Status SimExchangeConfig::validate() const {
  std::vector<std::string> problems;
  if (quote_asset.empty()) problems.emplace_back("quote_asset is empty");
  if (taker_fee_rate.is_negative()) {
    problems.push_back(
        fmt::format("taker_fee_rate {} must not be negative", taker_fee_rate.to_string()));
  }
  if (slippage_bps.is_negative()) {
    problems.push_back(
        fmt::format("slippage_bps {} must not be negative", slippage_bps.to_string()));
  }
  if (latency < core::Duration()) {
    problems.push_back(fmt::format("latency {} must not be negative", latency.to_string()));
  }
  if (!max_volume_fraction.is_positive() || max_volume_fraction > core::Decimal::from_int(1)) {
    problems.push_back(
        fmt::format("max_volume_fraction {} must be in (0, 1]", max_volume_fraction.to_string()));
  }
  if (maintenance_margin_rate.is_negative() ||
      maintenance_margin_rate >= core::Decimal::from_int(1)) {
    problems.push_back(fmt::format("maintenance_margin_rate {} must be in [0, 1)",
                                   maintenance_margin_rate.to_string()));
  }
  if (default_leverage < 1) {
    problems.push_back(fmt::format("default_leverage {} must be at least 1", default_leverage));
  }
  for (const auto& [asset, amount] : starting_balances) {
    if (amount.is_negative()) {
      problems.push_back(fmt::format("starting balance of {} is negative", asset));
    }
  }
  if (problems.empty()) return {};
  std::string message = "sim exchange config";
  for (std::size_t i = 0; i < problems.size(); ++i) {
    message += (i == 0 ? ": " : "; ");
    message += problems[i];
  }
  return core::Error(core::ErrorCode::kConfig, std::move(message));
}

}  // namespace sigtrader::execution
