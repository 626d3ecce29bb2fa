#pragma once

// Helpers the route files share: request bodies and parameters, the caller's active paper
// account, operator commands, and JSON spellings of values.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "api/router.hpp"
#include "core/clock.hpp"
#include "core/time.hpp"
#include "net/server_types.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace sigtrader::api {

// The request's JSON object body; on failure `refusal` holds the answer (415 for another content
// type, 400 for malformed JSON or a non-object) and nullopt is returned.
std::optional<boost::json::object> read_json_body(const RequestContext& context,
                                                  net::ServerResponse& refusal);
// The string member `name`, or nullopt when absent or not a string.
std::optional<std::string> string_member(const boost::json::object& object, std::string_view name);

// ?limit= within 1..max (default when absent); nullopt (and `refusal`) when malformed.
std::optional<std::size_t> limit_param(const RequestContext& context, std::size_t fallback,
                                       std::size_t max, net::ServerResponse& refusal);
// ?name= as milliseconds since the epoch; `refusal` set when malformed.
std::optional<core::Timestamp> time_param(const RequestContext& context, std::string_view name,
                                          net::ServerResponse& refusal);

// The caller's paper account: their newest paper session, its venue and order prefix, and the
// state it last checkpointed (positions, policy, breaker).
struct ActiveAccount {
  storage::PaperSessionRow session;
  std::string venue;         // "sim:p<id>" (engine::paper_venue)
  std::string order_prefix;  // "p<id>-" (engine::paper_client_prefix)
  boost::json::object state;
};
std::optional<ActiveAccount> active_account(storage::Store& store, core::UserId user);
// The caller's.
std::optional<ActiveAccount> active_account(const RequestContext& context);
// The checkpoint's breaker ({"state", "reason", "since", ...} under "risk"), or nullptr when the
// state has none.
const boost::json::object* checkpoint_breaker(const ActiveAccount& account);

// Stores an operator command for the engine and answers 202 with it.
net::ServerResponse queue_command(RequestContext& context, const core::Clock& clock,
                                  std::string_view kind, boost::json::object args);
boost::json::object command_json(const storage::OperatorCommandRow& command);

// Milliseconds since the epoch (the API's time unit), null for none.
boost::json::value ms(std::optional<core::Timestamp> ts);

}  // namespace sigtrader::api
