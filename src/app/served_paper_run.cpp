#include "app/served_paper_run.hpp"

#include <boost/json/object.hpp>

namespace sigtrader::app {

core::Result<std::unique_ptr<ServedPaperRun>> ServedPaperRun::start(
    const config::Config& config, const std::string& db_path, const ServeFlags& flags,
    const signals::SignalClassifier& classifier) {
  std::unique_ptr<ServedPaperRun> run(new ServedPaperRun());
  std::shared_ptr<std::atomic<bool>> alive = run->alive_;
  SIGTRADER_TRY(run->server_, start_api_server(config, db_path, flags, &classifier,
                                               [alive] { return alive->load(); }));
  return run;
}

PaperRunHooks ServedPaperRun::hooks() {
  PaperRunHooks hooks;
  hooks.on_open = [this](engine::PaperSession& session) -> core::Status {
    user_id_ = session.user_id();
    server_->events().attach(session.bus(), user_id_);
    alive_->store(true);
    return {};
  };
  hooks.after_step = [this](const engine::PaperStatus& status) {
    if (!status.instant) return;
    server_->events().publish(user_id_, "equity", *status.instant,
                              boost::json::object{{"ts", status.instant->ms()},
                                                  {"equity", status.equity.to_string()},
                                                  {"cash", status.cash.to_string()},
                                                  {"open_positions", status.open_positions}});
  };
  return hooks;
}

}  // namespace sigtrader::app
