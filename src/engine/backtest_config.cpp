#include "engine/backtest_config.hpp"

#include <fmt/format.h>

#include "core/file_text.hpp"
#include "engine/toml_reader.hpp"

namespace sigtrader::engine {
namespace {

const std::vector<std::string> kTopKeys{"backtest", "market", "strategy"};
const std::vector<std::string> kBacktestKeys{"starting_balance",
                                             "fee_rate",
                                             "maker_fee_rate",
                                             "slippage_bps",
                                             "latency",
                                             "partial_fills",
                                             "max_volume_fraction",
                                             "from",
                                             "to",
                                             "equity_interval",
                                             "risk_free_rate",
                                             "seed",
                                             "history"};
const std::vector<std::string> kMarketKeys{"symbol",  "data",        "detail_data", "funding",
                                           "kind",    "leverage",    "tick_size",   "step_size",
                                           "min_qty", "min_notional"};
const std::vector<std::string> kStrategyKeys{"name", "params", "exits", "channels"};
const std::vector<std::string> kExitKeys{"stop_loss_pct", "take_profit", "trailing_stop_pct",
                                         "break_even_after_pct", "time_stop"};
const std::vector<std::string> kTakeProfitKeys{"pct", "fraction"};

bool positive(core::Decimal value) {
  return value.is_positive();
}
bool non_negative(core::Decimal value) {
  return !value.is_negative();
}
bool fraction(core::Decimal value) {
  return value.is_positive() && value <= core::Decimal::from_int(1);
}
bool rate(core::Decimal value) {
  return value > core::Decimal::from_int(-1) && value < core::Decimal::from_int(1);
}

std::filesystem::path resolve(const std::filesystem::path& base, const std::string& file) {
  const std::filesystem::path path(file);
  return path.is_absolute() ? path : base / path;
}

void read_backtest(TomlReader& reader, const toml::table& table, BacktestConfig& config) {
  const std::string path = "backtest";
  reader.reject_unknown(table, path, kBacktestKeys);
  if (auto v = reader.decimal(table, path, "starting_balance", "a positive amount", positive)) {
    config.starting_balance = core::Money(*v);
  }
  if (auto v = reader.decimal(table, path, "fee_rate", "a fraction in (-1, 1), 0.001 = 0.1 %",
                              [](core::Decimal d) { return rate(d) && !d.is_negative(); })) {
    config.fee_rate = *v;
    config.maker_fee_rate = *v;
  }
  if (auto v = reader.decimal(table, path, "maker_fee_rate",
                              "a fraction in (-1, 1); negative for a rebate", rate)) {
    config.maker_fee_rate = *v;
  }
  if (auto v = reader.decimal(table, path, "slippage_bps", "a non-negative number of basis points",
                              non_negative)) {
    config.slippage_bps = *v;
  }
  if (auto v = reader.duration(table, path, "latency")) config.latency = *v;
  if (auto v = reader.boolean(table, path, "partial_fills")) config.partial_fills = *v;
  if (auto v =
          reader.decimal(table, path, "max_volume_fraction", "a fraction in (0, 1]", fraction)) {
    config.max_volume_fraction = *v;
  }
  config.from = reader.timestamp(table, path, "from");
  config.to = reader.timestamp(table, path, "to");
  if (config.from && config.to && *config.to <= *config.from) {
    reader.problem(fmt::format("backtest.to ({}) must be after backtest.from ({})",
                               config.to->to_iso8601(), config.from->to_iso8601()));
  }
  if (auto v = reader.duration(table, path, "equity_interval")) {
    if (v->count_ns() > 0) config.equity_interval = *v;
  }
  if (auto v = reader.decimal(table, path, "risk_free_rate", "an annual rate such as 0.04", rate)) {
    config.risk_free_rate = v->to_double();
  }
  if (auto v = reader.integer(table, path, "seed", 0, std::numeric_limits<std::int64_t>::max())) {
    config.seed = static_cast<std::uint64_t>(*v);
  }
  if (auto v = reader.integer(table, path, "history", 1, 1'000'000)) {
    config.history_length = static_cast<std::size_t>(*v);
  }
}

std::optional<MarketConfig> read_market(TomlReader& reader, const toml::table& table,
                                        const std::string& path,
                                        const std::filesystem::path& base_dir) {
  reader.reject_unknown(table, path, kMarketKeys);
  MarketConfig market;
  core::Instrument& instrument = market.instrument;
  instrument.venue = "sim";
  instrument.tick_size = core::Price(core::Decimal::parse("0.01"));
  instrument.step_size = core::Quantity(core::Decimal::parse("0.00001"));
  bool ok = true;
  if (auto symbol = reader.string(table, path, "symbol", true)) {
    auto parsed = core::Symbol::try_parse(*symbol);
    if (parsed) {
      instrument.symbol = *parsed;
    } else {
      reader.problem(*table.get("symbol"), join_path(path, "symbol"),
                     "a pair written BASE/QUOTE, e.g. \"BTC/USDT\"");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (auto data = reader.string(table, path, "data", true)) {
    market.data = resolve(base_dir, *data);
  } else {
    ok = false;
  }
  if (auto detail = reader.string(table, path, "detail_data")) {
    market.detail_data = resolve(base_dir, *detail);
  }
  if (auto funding = reader.string(table, path, "funding")) {
    market.funding = resolve(base_dir, *funding);
  }
  if (auto kind = reader.string(table, path, "kind")) {
    if (auto parsed = core::parse_instrument_kind(*kind)) {
      instrument.kind = *parsed;
    } else {
      reader.problem(*table.get("kind"), join_path(path, "kind"), "\"spot\" or \"perpetual\"");
      ok = false;
    }
  }
  if (auto leverage = reader.integer(table, path, "leverage", 1, 125)) {
    market.leverage = static_cast<int>(*leverage);
  }
  if (auto v = reader.decimal(table, path, "tick_size", "a positive price increment", positive)) {
    instrument.tick_size = core::Price(*v);
  }
  if (auto v =
          reader.decimal(table, path, "step_size", "a positive quantity increment", positive)) {
    instrument.step_size = core::Quantity(*v);
  }
  if (auto v = reader.decimal(table, path, "min_qty", "a non-negative quantity", non_negative)) {
    instrument.min_qty = core::Quantity(*v);
  }
  if (auto v = reader.decimal(table, path, "min_notional", "a non-negative amount", non_negative)) {
    instrument.min_notional = core::Money(*v);
  }
  instrument.max_leverage = market.leverage;
  if (instrument.kind == core::InstrumentKind::kSpot && market.leverage != 1) {
    reader.problem(
        fmt::format("{}.leverage = {}: a spot market trades without leverage; use "
                    "kind = \"perpetual\"",
                    path, market.leverage));
    ok = false;
  }
  if (market.funding && instrument.kind != core::InstrumentKind::kPerpetual) {
    reader.problem(fmt::format("{}.funding: funding applies to perpetuals only", path));
    ok = false;
  }
  if (!ok) return std::nullopt;
  return market;
}

void read_exits(TomlReader& reader, const toml::table& table, strategy::ExitPlan& exits) {
  const std::string path = "strategy.exits";
  reader.reject_unknown(table, path, kExitKeys);
  const std::string pct = "a percentage in (0, 100)";
  auto percentage = [](core::Decimal d) {
    return d.is_positive() && d < core::Decimal::from_int(100);
  };
  exits.stop_loss_pct = reader.decimal(table, path, "stop_loss_pct", pct, percentage);
  exits.trailing_stop_pct = reader.decimal(table, path, "trailing_stop_pct", pct, percentage);
  exits.break_even_after_pct =
      reader.decimal(table, path, "break_even_after_pct", "a positive percentage", positive);
  exits.time_stop = reader.duration(table, path, "time_stop");
  if (const toml::node* node = table.get("take_profit")) {
    const toml::array* steps = node->as_array();
    if (steps == nullptr) {
      reader.problem(*node, path + ".take_profit",
                     "an array of tables such as [{ pct = 2, fraction = 0.5 }]");
      return;
    }
    for (std::size_t i = 0; i < steps->size(); ++i) {
      const std::string step_path = fmt::format("{}.take_profit[{}]", path, i);
      const toml::table* step = (*steps)[i].as_table();
      if (step == nullptr) {
        reader.problem((*steps)[i], step_path, "a table { pct = ..., fraction = ... }");
        continue;
      }
      reader.reject_unknown(*step, step_path, kTakeProfitKeys);
      auto distance =
          reader.decimal(*step, step_path, "pct", "a positive percentage", positive, true);
      auto share =
          reader.decimal(*step, step_path, "fraction", "a fraction in (0, 1]", fraction, true);
      if (distance && share) exits.take_profits.push_back({*distance, *share});
    }
  }
}

void read_parameters(TomlReader& reader, const toml::table& table, const std::string& path,
                     strategy::Parameters& parameters) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (const auto* flag = node.as_boolean()) {
      parameters.set(name, flag->get());
    } else if (const auto* integer = node.as_integer()) {
      parameters.set(name, integer->get());
    } else if (const auto* floating = node.as_floating_point()) {
      parameters.set(name, floating->get());
    } else if (const auto* text = node.as_string()) {
      parameters.set(name, text->get());
    } else {
      reader.problem(node, path + "." + name, "a number, a boolean or a string");
    }
  }
}

void read_strategy(TomlReader& reader, const toml::table& table, BacktestConfig& config) {
  reader.reject_unknown(table, "strategy", kStrategyKeys);
  if (auto name = reader.string(table, "strategy", "name", true)) config.strategy_name = *name;
  if (const toml::node* params = table.get("params")) {
    if (const toml::table* params_table = params->as_table()) {
      read_parameters(reader, *params_table, "strategy.params", config.parameters);
    } else {
      reader.problem(*params, "strategy.params", "a table");
    }
  }
  if (const toml::node* channels = table.get("channels")) {
    if (const toml::table* channels_table = channels->as_table()) {
      for (const auto& [id, node] : *channels_table) {
        const std::string path = fmt::format("strategy.channels.\"{}\"", id.str());
        if (const toml::table* channel = node.as_table()) {
          read_parameters(reader, *channel, path, config.channel_parameters[std::string(id.str())]);
        } else {
          reader.problem(node, path, "a table of signal follower parameters");
        }
      }
    } else {
      reader.problem(*channels, "strategy.channels", "a table of channels");
    }
  }
  if (const toml::node* exits = table.get("exits")) {
    if (const toml::table* exits_table = exits->as_table()) {
      read_exits(reader, *exits_table, config.exits);
    } else {
      reader.problem(*exits, "strategy.exits", "a table");
    }
  }
}

}  // namespace

core::Result<BacktestConfig> parse_backtest_config(std::string_view toml, std::string_view origin,
                                                   const std::filesystem::path& base_dir) {
  TomlReader reader{std::string(origin)};
  BacktestConfig config;
  config.source = std::string(origin);
  std::optional<toml::table> root = reader.parse(toml);
  if (!root) return reader.finish().error();
  reader.reject_unknown(*root, "", kTopKeys);

  if (const toml::node* node = root->get("backtest")) {
    if (const toml::table* table = node->as_table()) {
      read_backtest(reader, *table, config);
    } else {
      reader.problem(*node, "backtest", "a table [backtest]");
    }
  }
  const toml::node* markets = root->get("market");
  const toml::array* market_array = markets != nullptr ? markets->as_array() : nullptr;
  if (market_array == nullptr || market_array->empty()) {
    reader.problem(
        "no markets: add at least one [[market]] with symbol = \"BTC/USDT\" and data = \"FILE\"");
  } else {
    for (std::size_t i = 0; i < market_array->size(); ++i) {
      const std::string path = fmt::format("market[{}]", i);
      const toml::table* table = (*market_array)[i].as_table();
      if (table == nullptr) {
        reader.problem((*market_array)[i], path, "a table [[market]]");
        continue;
      }
      if (auto market = read_market(reader, *table, path, base_dir)) {
        for (const MarketConfig& other : config.markets) {
          if (other.instrument.symbol == market->instrument.symbol) {
            reader.problem(
                fmt::format("{}: {} is listed twice", path, market->instrument.symbol.to_string()));
          }
        }
        config.markets.push_back(std::move(*market));
      }
    }
  }
  for (const MarketConfig& market : config.markets) {
    if (config.quote_asset.empty()) config.quote_asset = market.instrument.symbol.quote;
    if (market.instrument.symbol.quote != config.quote_asset) {
      reader.problem(fmt::format(
          "{} is quoted in {}, the first market in {}: one backtest has one quote currency",
          market.instrument.symbol.to_string(), market.instrument.symbol.quote,
          config.quote_asset));
    }
  }
  if (const toml::node* node = root->get("strategy")) {
    if (const toml::table* table = node->as_table()) {
      read_strategy(reader, *table, config);
    } else {
      reader.problem(*node, "strategy", "a table [strategy]");
    }
  } else {
    reader.problem("no [strategy]: add one with name = \"ema_cross\" (or another strategy)");
  }
  SIGTRADER_RETURN_IF_ERROR(reader.finish());
  if (auto valid = config.exits.validate(); !valid.ok()) {
    return core::Error(core::ErrorCode::kConfig,
                       fmt::format("{}: {}", origin, valid.error().message()));
  }
  return config;
}

core::Result<BacktestConfig> load_backtest_config(const std::filesystem::path& file) {
  SIGTRADER_TRY(const std::string text, core::read_whole_file(file));
  return parse_backtest_config(text, file.string(), file.parent_path());
}

}  // namespace sigtrader::engine
