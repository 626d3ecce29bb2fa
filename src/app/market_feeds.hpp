#pragma once

#include <optional>
#include <span>
#include <vector>

#include "app/paper_run.hpp"
#include "core/time.hpp"
#include "engine/backtest_config.hpp"
#include "engine/sim_session.hpp"

namespace sigtrader::app {

// Fresh backtest feeds over loaded market data (one per market, in config order), from
// `config.from` to `config.to`, cut at `cut` when given (candles opening before it). The feeds
// read `markets` in place: it must outlive them.
std::vector<engine::MarketFeed> make_feeds(const engine::BacktestConfig& config,
                                           std::span<const PaperSetup::Market> markets,
                                           std::optional<core::Timestamp> cut = std::nullopt);

}  // namespace sigtrader::app
