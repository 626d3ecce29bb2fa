#include "api/router.hpp"

#include "net/query_string.hpp"

namespace sigtrader::api {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::optional<std::string> RequestContext::query(std::string_view name) const {
  std::string_view rest = request.query;
  while (!rest.empty()) {
    const std::size_t amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const std::size_t equals = pair.find('=');
    if (net::percent_decode(pair.substr(0, equals), true) == name) {
      return equals == std::string_view::npos ? std::string()
                                              : net::percent_decode(pair.substr(equals + 1), true);
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

void Router::add(Route route) {
  std::vector<Segment> parsed;
  for (const std::string_view segment : segments(route.pattern)) {
    const bool parameter = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
    parsed.push_back(parameter ? Segment{std::string(segment.substr(1, segment.size() - 2)), true}
                               : Segment{std::string(segment), false});
  }
  routes_.push_back(Entry{std::move(route), std::move(parsed)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  const auto have = segments(path);
  const auto matches = [&have](const std::vector<Segment>& want) {
    if (want.size() != have.size()) return false;
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (want[i].parameter ? have[i].empty() : want[i].text != have[i]) return false;
    }
    return true;
  };
  Match result;
  for (const Entry& entry : routes_) {
    if (!matches(entry.segments)) continue;
    if (entry.route.method != method) {
      result.allowed.push_back(entry.route.method);
      continue;
    }
    result.route = &entry.route;
    // Only the route returned pays for decoding; the first of two equal names wins.
    for (std::size_t i = 0; i < entry.segments.size(); ++i) {
      if (entry.segments[i].parameter) {
        result.path.emplace(entry.segments[i].text, net::percent_decode(have[i]));
      }
    }
    return result;
  }
  return result;
}

}  // namespace sigtrader::api
