#include "app/report_error.hpp"

#include <spdlog/spdlog.h>

#include "app/cli_context.hpp"

namespace sigtrader::app {

int report_error(std::string_view command, const core::Error& error) {
  spdlog::error("{}: {}", command, error.message());
  return kExitFailed;
}

}  // namespace sigtrader::app
