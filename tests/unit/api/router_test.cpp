#include "api/router.hpp"

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"

namespace sigtrader::api {
namespace {

net::ServerResponse nothing(RequestContext&) {
  return {};
}

TEST(Router, MatchesPathParametersAndDecodesThem) {
  Router router;
  router.add({"GET", "/api/v1/orders", Role::kViewer, nothing});
  router.add({"DELETE", "/api/v1/orders/{client_order_id}", Role::kTrader, nothing});
  const auto match = router.match("DELETE", "/api/v1/orders/p1-2%2F3");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/orders/{client_order_id}");
  EXPECT_EQ(match.path.at("client_order_id"), "p1-2/3");
}

TEST(Router, SaysWhichMethodsAPathAllows) {
  Router router;
  router.add({"GET", "/api/v1/risk/policy", Role::kViewer, nothing});
  router.add({"PUT", "/api/v1/risk/policy", Role::kAdmin, nothing});
  const auto match = router.match("DELETE", "/api/v1/risk/policy");
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed, (std::vector<std::string>{"GET", "PUT"}));
}

TEST(Router, DoesNotMatchExtraOrMissingSegmentsOrAnEmptyParameter) {
  Router router;
  router.add({"GET", "/api/v1/signals/{id}", Role::kViewer, nothing});
  EXPECT_EQ(router.match("GET", "/api/v1/signals").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/signals/").route, nullptr);
  EXPECT_EQ(router.match("GET", "/api/v1/signals/1/x").route, nullptr);
  EXPECT_TRUE(router.match("GET", "/api/v1/signals/1").allowed.empty());
}

TEST(Router, FindsTheRouteOfTheMethodAfterRoutesOfOtherMethodsOnTheSamePath) {
  Router router;
  router.add({"GET", "/api/v1/labels/{id}", Role::kViewer, nothing});
  router.add({"PUT", "/api/v1/labels/{message_id}", Role::kTrader, nothing});
  router.add({"PUT", "/api/v1/labels/{other}", Role::kTrader, nothing});
  const auto match = router.match("PUT", "/api/v1/labels/7%20x");
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/v1/labels/{message_id}");
  EXPECT_EQ(match.path, (std::map<std::string, std::string>{{"message_id", "7 x"}}));
}

TEST(Router, ReadsQueryParametersDecoded) {
  net::ServerRequest request;
  request.query = "channel=telegram%3A-100&label=long&flag&x=a+b";
  Caller caller;
  auto store = storage::SqliteStore::open(":memory:");
  RequestContext context{request, {}, caller, **store};
  EXPECT_EQ(context.query("channel"), "telegram:-100");
  EXPECT_EQ(context.query("label"), "long");
  EXPECT_EQ(context.query("flag"), "");
  EXPECT_EQ(context.query("x"), "a b");
  EXPECT_EQ(context.query("missing"), std::nullopt);
}

}  // namespace
}  // namespace sigtrader::api
