#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/roles.hpp"
#include "core/ids.hpp"
#include "net/server_types.hpp"
#include "storage/rows.hpp"
#include "storage/store.hpp"

namespace sigtrader::api {

// Who is asking: the key's user and role.
struct Caller {
  storage::UserRow user;
  Role role = Role::kViewer;
  std::string key_prefix;  // names the caller in logs and operator commands, never the key
};

// One authenticated request as a route handler sees it.
struct RequestContext {
  const net::ServerRequest& request;
  std::map<std::string, std::string> path;  // "{id}" segments, percent-decoded
  const Caller& caller;
  storage::Store& store;

  // The first query parameter called `name`, percent-decoded.
  std::optional<std::string> query(std::string_view name) const;
};

using RouteHandler = std::function<net::ServerResponse(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/orders/{client_order_id}"
  Role role = Role::kViewer;
  RouteHandler handler;
};

// Finds the route for a method and path. A path that matches only under another method is
// "method not allowed" (with the methods that are), not "not found".
class Router {
 public:
  void add(Route route);

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> path;
    std::vector<std::string> allowed;  // when route is null but the path exists
  };
  Match match(std::string_view method, std::string_view path) const;

 private:
  // One segment of a pattern: a literal, or a "{name}" parameter (then `text` is the name).
  struct Segment {
    std::string text;
    bool parameter = false;
  };
  // A route with its pattern split once, when added, rather than on every request.
  struct Entry {
    Route route;
    std::vector<Segment> segments;
  };
  std::vector<Entry> routes_;
};

}  // namespace sigtrader::api
