// `sigtrader keys create USER` prints a new API key for a user (once: only its hash is stored);
// `keys list USER` shows the prefixes, when each was used and whether it is revoked;
// `keys revoke PREFIX` stops a key from working.
#include <iostream>

#include <fmt/format.h>

#include "app/api_key_issuing.hpp"
#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "app/store_opening.hpp"
#include "app/time_text.hpp"
#include "core/clock.hpp"

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "keys";

struct KeysOptions {
  std::string name;  // user name, or the key prefix for revoke
  std::string db;
};

int create_key(const KeysOptions& options, CliContext& context) {
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  auto user = (*store)->find_user(options.name);
  if (!user.ok()) return report_error(kCommand, user.error());
  const core::LiveClock clock;
  auto key = issue_api_key(**store, user->id, clock.now());
  if (!key.ok()) return report_error(kCommand, key.error());
  std::cout << fmt::format("API key for {} (shown once, keep it secret):\n{}\n", options.name,
                           *key);
  return kExitOk;
}

int list_keys(const KeysOptions& options, CliContext& context) {
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  auto user = (*store)->find_user(options.name);
  if (!user.ok()) return report_error(kCommand, user.error());
  auto keys = (*store)->list_api_keys(user->id);
  if (!keys.ok()) return report_error(kCommand, keys.error());
  for (const storage::ApiKeyRow& key : *keys) {
    std::cout << fmt::format("{}  created {}  last used {}{}\n", key.prefix,
                             minute_or_dash(key.created_at), minute_or_dash(key.last_used_at),
                             key.revoked_at ? "  REVOKED " + minute_or_dash(key.revoked_at) : "");
  }
  return kExitOk;
}

int revoke_key(const KeysOptions& options, CliContext& context) {
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  const core::LiveClock clock;
  if (auto revoked = (*store)->revoke_api_key(options.name, clock.now()); !revoked.ok()) {
    return report_error(kCommand, revoked.error());
  }
  std::cout << fmt::format("key {} revoked\n", options.name);
  return kExitOk;
}

}  // namespace

void register_keys_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<KeysOptions>();
  CLI::App* keys = app.add_subcommand("keys", "Manage API keys");
  keys->require_subcommand(1);
  const auto add = [&](const char* name, const char* help, const char* what, auto run) {
    CLI::App* sub = keys->add_subcommand(name, help);
    sub->add_option(what, options->name, what)->required();
    sub->add_option("--db", options->db, "Database file (default: database.path)");
    sub->callback([options, &context, run] {
      context.action = [options, &context, run] { return run(*options, context); };
    });
  };
  add("create", "Print a new API key for a user", "user", create_key);
  add("list", "List a user's keys", "user", list_keys);
  add("revoke", "Revoke a key by its prefix (sgt_xxxxxxxx)", "prefix", revoke_key);
}

}  // namespace sigtrader::app
