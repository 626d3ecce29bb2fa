#include "app/logging.hpp"

#include <cstdio>
#include <memory>

#include <fmt/format.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/json_log_sink.hpp"

namespace sigtrader::app {

namespace {

spdlog::level::level_enum to_spdlog(config::LogLevel level) {
  switch (level) {
    case config::LogLevel::kTrace:
      return spdlog::level::trace;
    case config::LogLevel::kDebug:
      return spdlog::level::debug;
    case config::LogLevel::kInfo:
      return spdlog::level::info;
    case config::LogLevel::kWarn:
      return spdlog::level::warn;
    case config::LogLevel::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

LogSettings resolve_log_settings(const GlobalOptions& options, const config::Config* config,
                                 const config::Environment& env, bool stderr_is_terminal) {
  LogSettings settings;
  // CLI11 has checked the flags' spellings already.
  if (auto level = config::enum_from_name<config::LogLevel>(options.log_level)) {
    settings.level = *level;
  } else if (config != nullptr && config->logging.level) {
    settings.level = *config->logging.level;
  } else if (auto text = env.get("SIGTRADER_LOG_LEVEL")) {
    if (auto level = config::enum_from_name<config::LogLevel>(*text)) {
      settings.level = *level;
    } else {
      settings.notice = fmt::format(
          "ignoring SIGTRADER_LOG_LEVEL=\"{}\": expected trace, debug, info, warn or error", *text);
    }
  }

  config::LogFormat format = config != nullptr ? config->logging.format : config::LogFormat::kAuto;
  if (auto flag = config::enum_from_name<config::LogFormat>(options.log_format)) format = *flag;
  settings.json = format == config::LogFormat::kJson ||
                  (format == config::LogFormat::kAuto && !stderr_is_terminal);
  return settings;
}

void setup_logging(const LogSettings& settings) {
  spdlog::sink_ptr sink;
  if (settings.json) {
    sink = std::make_shared<JsonLinesSink>(stderr);
  } else {
    sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    // UTC, like the JSON lines and every timestamp sigtrader stores.
    sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%d %H:%M:%S.%eZ %^%-5l%$ %v", spdlog::pattern_time_type::utc));
  }
  auto logger = std::make_shared<spdlog::logger>("sigtrader", std::move(sink));
  logger->set_level(to_spdlog(settings.level));
  logger->flush_on(spdlog::level::trace);  // a CLI's diagnostics must not lag behind its output
  spdlog::set_default_logger(std::move(logger));
  if (settings.notice) spdlog::warn("{}", *settings.notice);
}

}  // namespace sigtrader::app
