#pragma once

#include "config/environment.hpp"

namespace sigtrader::app {

// A copy of this process's environment variables: the only place sigtrader reads them.
config::Environment capture_process_environment();

}  // namespace sigtrader::app
