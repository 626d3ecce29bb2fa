// `sigtrader channels [--db PATH] [--json]`: what each signal channel posts — signals, updates
// (how many linked to their signal), the share of chatter, first and last post — as the imports
// counted it (the latest reading of each post), and its outcomes once backtested.
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "app/store_opening.hpp"
#include "app/time_text.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {

namespace {

struct ChannelsOptions {
  std::string db;  // --db; empty means the config's database.path
  bool json = false;
};

boost::json::value time_or_null(const std::optional<core::Timestamp>& ts) {
  if (!ts) return nullptr;
  return boost::json::value(ts->to_iso8601());
}

template <typename T>
boost::json::value value_or_null(const std::optional<T>& value) {
  if (!value) return nullptr;
  return boost::json::value(*value);
}

std::string percent(const std::optional<double>& share) {
  return share ? fmt::format("{:.1f}%", *share * 100.0) : "-";
}

void print_json(const std::vector<storage::ChannelStatsRow>& stats,
                const std::map<std::string, storage::ChannelRow>& channels) {
  boost::json::array rows;
  for (const storage::ChannelStatsRow& row : stats) {
    const auto channel = channels.find(row.channel_id.str());
    rows.push_back(boost::json::object{
        {"id", row.channel_id.str()},
        {"title", channel != channels.end() ? channel->second.title : std::string()},
        {"source", channel != channels.end() ? channel->second.source : std::string()},
        {"messages", row.messages},
        {"signals", row.longs + row.shorts},
        {"longs", row.longs},
        {"shorts", row.shorts},
        {"updates", row.updates},
        {"linked_updates", row.linked_updates},
        {"nones", row.nones},
        {"share_none", value_or_null(row.share_none)},
        {"first_post", time_or_null(row.first_ts)},
        {"last_post", time_or_null(row.last_ts)},
        {"wins", value_or_null(row.wins)},
        {"losses", value_or_null(row.losses)},
        {"win_rate", value_or_null(row.win_rate)},
        {"avg_r", value_or_null(row.avg_r)},
        {"avg_win_r", value_or_null(row.avg_win_r)},
        {"expectancy", value_or_null(row.expectancy)},
        {"outcomes_at", time_or_null(row.outcomes_at)},
        {"updated_at", row.updated_at.to_iso8601()},
    });
  }
  std::cout << boost::json::serialize(boost::json::object{{"channels", std::move(rows)}}) << '\n';
}

void print_text(const std::vector<storage::ChannelStatsRow>& stats,
                const std::map<std::string, storage::ChannelRow>& channels) {
  if (stats.empty()) {
    std::cout << "no channel statistics yet (import posts: sigtrader import ...)\n";
    return;
  }
  std::cout << fmt::format("{:<28} {:<20} {:>8} {:>6} {:>6} {:>14} {:>7} {:>8} {:>6}  {:<16}  {}\n",
                           "channel", "title", "messages", "longs", "shorts", "updates (link)",
                           "none", "win rate", "avg R", "first post", "last post");
  for (const storage::ChannelStatsRow& row : stats) {
    const auto channel = channels.find(row.channel_id.str());
    std::cout << fmt::format(
        "{:<28} {:<20} {:>8} {:>6} {:>6} {:>14} {:>7} {:>8} {:>6}  {:<16}  {}\n",
        row.channel_id.str(), channel != channels.end() ? channel->second.title : "", row.messages,
        row.longs, row.shorts, fmt::format("{} ({})", row.updates, row.linked_updates),
        percent(row.share_none), percent(row.win_rate),
        row.avg_r ? fmt::format("{:.2f}", *row.avg_r) : "-", minute_or_dash(row.first_ts),
        minute_or_dash(row.last_ts));
  }
}

int run_channels(const ChannelsOptions& options, CliContext& context) {
  auto store = open_command_store(options.db, context, {.create_if_missing = false});
  if (!store.ok()) return report_error("channels", store.error());
  auto stats = (*store)->list_channel_stats();
  if (!stats.ok()) return report_error("channels", stats.error());
  auto channel_rows = (*store)->list_channels();
  if (!channel_rows.ok()) return report_error("channels", channel_rows.error());
  std::map<std::string, storage::ChannelRow> channels;
  for (storage::ChannelRow& channel : *channel_rows) {
    std::string id = channel.id.str();
    channels.emplace(std::move(id), std::move(channel));
  }
  if (options.json) {
    print_json(*stats, channels);
  } else {
    print_text(*stats, channels);
  }
  return kExitOk;
}

}  // namespace

void register_channels_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ChannelsOptions>();
  CLI::App* channels = app.add_subcommand(
      "channels",
      "List the signal channels with their statistics: signals, updates (linked), share of none, "
      "first and last post");
  channels->add_option("--db", options->db, "Database file")->type_name("PATH");
  channels->add_flag("--json", options->json, "Print one JSON object instead of text");
  channels->callback([&context, options] {
    context.action = [&context, options] { return run_channels(*options, context); };
  });
}

}  // namespace sigtrader::app
