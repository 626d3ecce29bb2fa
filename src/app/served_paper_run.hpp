#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "api/api_server.hpp"
#include "app/api_serving.hpp"
#include "app/paper_run.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"

namespace sigtrader::app {

// The API server embedded in a paper run (`run --serve`, `demo`): started before the run, its
// event stream fed from the session's bus once the session is open, an equity event after every
// step, /readyz ready while the run goes on.
class ServedPaperRun {
 public:
  // Starts the server; the run's events go to the subscribers of the user its session trades as.
  static core::Result<std::unique_ptr<ServedPaperRun>> start(
      const config::Config& config, const std::string& db_path, const ServeFlags& flags,
      const signals::SignalClassifier& classifier);

  api::ApiServer& server() { return *server_; }
  // The hooks that connect the run to the server.
  PaperRunHooks hooks();
  // Once the run has ended; the server stops answering ready.
  void run_ended() { alive_->store(false); }

 private:
  ServedPaperRun() = default;
  // Shared with the server's readiness check.
  std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(false);
  core::UserId user_id_;  // known once the session is open
  std::unique_ptr<api::ApiServer> server_;
};

}  // namespace sigtrader::app
