#include "app/effective_config.hpp"

#include <filesystem>

#include "config/loader.hpp"

namespace sigtrader::app {

namespace {

constexpr const char* kDefaultConfigFile = "sigtrader.toml";

core::Result<config::Config> load(const CliContext& context) {
  if (!context.options.config_path.empty()) {
    return config::load_config(context.options.config_path, context.environment);
  }
  std::error_code error;
  if (std::filesystem::exists(kDefaultConfigFile, error)) {
    return config::load_config(kDefaultConfigFile, context.environment);
  }
  return config::load_config_from_string("", "(defaults)", context.environment);
}

}  // namespace

const core::Result<config::Config>& effective_config(CliContext& context) {
  if (!context.loaded_config) context.loaded_config.emplace(load(context));
  return *context.loaded_config;
}

}  // namespace sigtrader::app
