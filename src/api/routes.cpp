#include "api/routes.hpp"

namespace sigtrader::api {

void add_routes(Router& router, const RouteServices& services) {
  add_account_routes(router, services);
  add_signal_routes(router, services);
  add_label_routes(router, services);
  add_risk_routes(router, services);
  add_backtest_routes(router, services);
}

}  // namespace sigtrader::api
