#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/api_server.hpp"
#include "config/config.hpp"
#include "core/result.hpp"
#include "signals/signal_classifier.hpp"

namespace sigtrader::app {

// How a command starts the API server: flags over the config's [api] section.
struct ServeFlags {
  std::optional<std::string> host;
  std::optional<int> port;
  std::string web_dir;  // empty: api.web_dir, else the dashboard built in the source tree
};

// Starts the API (docs/api.md) on the database at `db_path` with its own connection, the config's
// [api] and [risk], and `classifier` (which must outlive the server). `engine_alive` is set by
// commands that run an engine in the process.
core::Result<std::unique_ptr<api::ApiServer>> start_api_server(
    const config::Config& config, const std::string& db_path, const ServeFlags& flags,
    const signals::SignalClassifier* classifier, std::function<bool()> engine_alive = nullptr);

}  // namespace sigtrader::app
