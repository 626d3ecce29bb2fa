// `sigtrader users add NAME [--role admin|trader|viewer]` creates a user and prints its first API
// key (once: only a hash is stored); `users list` shows users and roles; `users role NAME ROLE`
// changes a role.
#include <iostream>

#include <fmt/format.h>

#include "api/api_keys.hpp"
#include "api/roles.hpp"
#include "app/api_key_issuing.hpp"
#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "app/store_opening.hpp"
#include "core/clock.hpp"

namespace sigtrader::app {
namespace {

constexpr std::string_view kCommand = "users";

struct UsersOptions {
  std::string name;
  std::string role = "trader";
  std::string db;
};

int add_user(const UsersOptions& options, CliContext& context) {
  const auto role = api::try_parse_role(options.role);
  if (!role.ok()) return report_error(kCommand, role.error());
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  const core::LiveClock clock;
  core::Result<std::string> key = core::Error(core::ErrorCode::kInternal, "");
  auto done = (*store)->in_transaction([&]() -> core::Status {
    SIGTRADER_TRY(const storage::UserRow user, (*store)->create_user(options.name, clock.now()));
    SIGTRADER_RETURN_IF_ERROR((*store)->set_user_role(user.id, api::to_string(*role)));
    key = issue_api_key(**store, user.id, clock.now());
    if (!key.ok()) return key.error();
    return {};
  });
  if (!done.ok()) return report_error(kCommand, done.error());
  std::cout << fmt::format("user {} ({})\nAPI key (shown once, keep it secret):\n{}\n",
                           options.name, options.role, *key);
  return kExitOk;
}

int list_users(const UsersOptions& options, CliContext& context) {
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  auto users = (*store)->list_users();
  if (!users.ok()) return report_error(kCommand, users.error());
  for (const storage::UserRow& user : *users) {
    std::cout << fmt::format("{:<20} {:<8} since {}\n", user.name, user.role,
                             user.created_at.date_string());
  }
  return kExitOk;
}

int set_role(const UsersOptions& options, CliContext& context) {
  const auto role = api::try_parse_role(options.role);
  if (!role.ok()) return report_error(kCommand, role.error());
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(kCommand, store.error());
  auto user = (*store)->find_user(options.name);
  if (!user.ok()) return report_error(kCommand, user.error());
  if (auto set = (*store)->set_user_role(user->id, options.role); !set.ok()) {
    return report_error(kCommand, set.error());
  }
  std::cout << fmt::format("user {} is now {}\n", options.name, options.role);
  return kExitOk;
}

}  // namespace

void register_users_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<UsersOptions>();
  CLI::App* users = app.add_subcommand("users", "Manage the users of the API");
  users->require_subcommand(1);
  CLI::App* add = users->add_subcommand("add", "Create a user and print its first API key");
  add->add_option("name", options->name, "User name")->required();
  add->add_option("--role", options->role, "admin, trader or viewer")->capture_default_str();
  add->add_option("--db", options->db, "Database file (default: database.path)");
  add->callback([options, &context] {
    context.action = [options, &context] { return add_user(*options, context); };
  });
  CLI::App* list = users->add_subcommand("list", "List users and their roles");
  list->add_option("--db", options->db, "Database file (default: database.path)");
  list->callback([options, &context] {
    context.action = [options, &context] { return list_users(*options, context); };
  });
  CLI::App* role = users->add_subcommand("role", "Change a user's role");
  role->add_option("name", options->name, "User name")->required();
  role->add_option("role", options->role, "admin, trader or viewer")->required();
  role->add_option("--db", options->db, "Database file (default: database.path)");
  role->callback([options, &context] {
    context.action = [options, &context] { return set_role(*options, context); };
  });
}

}  // namespace sigtrader::app
