#pragma once

#include <string>

#include "storage/rows.hpp"

namespace sigtrader::engine {

// The names a paper session gives what it stores, all made from its id: the API and the metrics
// find a session's orders and account snapshots by them.

// "p<id>": the session's client order ids are "p<id>-<first open ms>-<n>", its liquidations
// "p<id>-liq-<n>".
std::string paper_order_prefix(storage::PaperSessionId session);
// "p<id>-": what the client order id of every order of the session starts with.
std::string paper_client_prefix(storage::PaperSessionId session);
// "sim:p<id>": the venue of the session's account snapshots.
std::string paper_venue(storage::PaperSessionId session);

}  // namespace sigtrader::engine
