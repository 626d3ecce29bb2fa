// ApiServer end to end on 127.0.0.1 with a real SQLite file: authentication, roles, per-user
// scoping, rate limits, CORS and security headers, bad input, metrics and the event stream.
#include "api/api_server.hpp"

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace sigtrader::api {
namespace {

using test_support::raw_request;
using test_support::RawResponse;
using ::testing::HasSubstr;
using ::testing::Not;

boost::json::value json_of(const RawResponse& response) {
  return boost::json::parse(response.body);
}

std::string error_code(const RawResponse& response) {
  return std::string(json_of(response).at("error").at("code").as_string());
}

TEST_F(ApiFixture, LivezNeedsNoKeyButTheApiDoes) {
  start();
  const auto livez = raw_request(port(), "GET", "/livez");
  EXPECT_EQ(livez.status, 200);
  EXPECT_EQ(livez.body, R"({"status":"ok"})");
  const auto missing = raw_request(port(), "GET", "/api/v1/me");
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(error_code(missing), "unauthorized");
  EXPECT_THAT(json_of(missing).at("error").at("message").as_string().c_str(),
              HasSubstr("X-API-Key"));
}

TEST_F(ApiFixture, AKnownKeyNamesItsUserAndRole) {
  start();
  const auto me = get("/api/v1/me", alice_key_);
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(std::string(json_of(me).at("user").as_string()), "alice");
  EXPECT_EQ(std::string(json_of(me).at("role").as_string()), "trader");
}

TEST_F(ApiFixture, MalformedUnknownAndRevokedKeysAreAll401WithoutEchoingTheKey) {
  start();
  std::string unknown = alice_key_;
  unknown[20] = unknown[20] == 'A' ? 'B' : 'A';
  for (const std::string& key : {std::string("nonsense"), unknown}) {
    const auto response = get("/api/v1/me", key);
    EXPECT_EQ(response.status, 401) << key;
    EXPECT_THAT(response.body, Not(HasSubstr(key)));
  }
  ASSERT_TRUE(store_->revoke_api_key(alice_key_.substr(0, 12), now()).ok());
  // The server caches verified keys for a few seconds; a new server has not seen this one.
  restart();
  EXPECT_EQ(get("/api/v1/me", alice_key_).status, 401);
}

TEST_F(ApiFixture, RolesDecideWhoMaySwitchThePolicy) {
  add_paper_session(alice_);
  add_paper_session(admin_);
  start();
  const std::string body = R"({"policy":"conservative"})";
  EXPECT_EQ(send("PUT", "/api/v1/risk/policy", viewer_key_, body).status, 403);
  const auto trader = send("PUT", "/api/v1/risk/policy", alice_key_, body);
  EXPECT_EQ(trader.status, 403);
  EXPECT_THAT(trader.body, HasSubstr("needs the admin role"));
  const auto admin = send("PUT", "/api/v1/risk/policy", admin_key_, body);
  ASSERT_EQ(admin.status, 202) << admin.body;
  EXPECT_EQ(std::string(json_of(admin).at("command").at("kind").as_string()), "set_policy");
  EXPECT_EQ(std::string(json_of(admin).at("command").at("status").as_string()), "pending");
  const auto pending = store_->pending_operator_commands(admin_, 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1U);
  EXPECT_EQ(pending->front().args_json, body);
  EXPECT_EQ(send("PUT", "/api/v1/risk/policy", admin_key_, R"({"policy":"yolo"})").status, 422);
}

TEST_F(ApiFixture, QueuedSignalsAreListedAndAnsweredAsCommands) {
  add_paper_session(alice_);
  start();
  const auto listed = get("/api/v1/approvals", alice_key_);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto approvals = json_of(listed).at("approvals").as_array();
  ASSERT_EQ(approvals.size(), 1U);
  EXPECT_EQ(std::string(approvals[0].at("symbol").as_string()), "SOL/USDT");
  EXPECT_EQ(send("POST", "/api/v1/approvals/7/approve", viewer_key_).status, 403);
  const auto approved = send("POST", "/api/v1/approvals/7/approve", alice_key_);
  ASSERT_EQ(approved.status, 202) << approved.body;
  EXPECT_EQ(std::string(json_of(approved).at("command").at("kind").as_string()), "approve");
  EXPECT_EQ(send("POST", "/api/v1/approvals/x/reject", alice_key_).status, 400);
  const auto pending = store_->pending_operator_commands(alice_, 10);
  ASSERT_EQ(pending->size(), 1U);
  EXPECT_EQ(pending->front().args_json, R"({"approval_id":7})");
}

TEST_F(ApiFixture, EveryQueryIsScopedToTheCallersUser) {
  add_paper_session(alice_);
  add_open_order(alice_, "p1-1000-1");
  start();
  const auto own = get("/api/v1/orders", alice_key_);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(json_of(own).at("orders").as_array().size(), 1U);
  // Bob has no session: he sees nothing, and alice's order does not exist for him.
  EXPECT_EQ(json_of(get("/api/v1/orders", bob_key_)).at("orders").as_array().size(), 0U);
  EXPECT_EQ(send("DELETE", "/api/v1/orders/p1-1000-1", bob_key_).status, 404);
  const auto cancel = send("DELETE", "/api/v1/orders/p1-1000-1", alice_key_);
  EXPECT_EQ(cancel.status, 202) << cancel.body;
  EXPECT_EQ(std::string(json_of(cancel).at("command").at("kind").as_string()), "cancel_order");
}

TEST_F(ApiFixture, APortfolioIsWorkedOutFromTheSnapshotsAndThePositions) {
  add_paper_session(alice_);
  // Equity 10000 at the start, 10100 at the end of day 1, 10250 now (day 2).
  add_snapshot(alice_, day(1) + core::Duration::hours(1), "10000");
  add_snapshot(alice_, day(1) + core::Duration::hours(23), "10100");
  add_snapshot(alice_, day(2) + core::Duration::hours(5), "10250");
  start();
  const auto response = get("/api/v1/portfolio", alice_key_);
  ASSERT_EQ(response.status, 200) << response.body;
  const auto portfolio = json_of(response).as_object();
  EXPECT_EQ(std::string(portfolio.at("equity").as_string()), "10250");
  EXPECT_EQ(std::string(portfolio.at("pnl_total").as_string()), "250");
  EXPECT_EQ(std::string(portfolio.at("pnl_today").as_string()), "150");
  // One long of 0.1 BTC marked at 60000 (the fixture's state): exposure 6000, 6000/10250.
  EXPECT_EQ(std::string(portfolio.at("exposure").as_string()), "6000.0");
  EXPECT_NEAR(portfolio.at("exposure_pct").as_double(), 6000.0 / 10250.0 * 100.0, 1e-9);
  const auto positions = json_of(get("/api/v1/positions", alice_key_)).at("positions").as_array();
  ASSERT_EQ(positions.size(), 1U);
  EXPECT_EQ(std::string(positions[0].at("side").as_string()), "long");
  EXPECT_EQ(std::string(positions[0].at("mark").as_string()), "60000");
  const auto equity = json_of(get("/api/v1/portfolio/equity", alice_key_)).at("points").as_array();
  EXPECT_EQ(equity.size(), 3U);
}

TEST_F(ApiFixture, AKeyOverItsRateIsRefusedWith429AndRetryAfter) {
  options_.key_rate = 1;
  options_.key_burst = 2;
  start();
  EXPECT_EQ(get("/api/v1/me", alice_key_).status, 200);
  EXPECT_EQ(get("/api/v1/me", alice_key_).status, 200);
  const auto refused = get("/api/v1/me", alice_key_);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(error_code(refused), "rate_limited");
  EXPECT_EQ(refused.header("retry-after"), "1");
  // Another key has its own bucket.
  EXPECT_EQ(get("/api/v1/me", bob_key_).status, 200);
}

TEST_F(ApiFixture, AnAddressOverItsRateIsRefusedEvenWithoutAKey) {
  options_.ip_rate = 1;
  options_.ip_burst = 3;
  start();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(raw_request(port(), "GET", "/livez").status, 200);
  EXPECT_EQ(raw_request(port(), "GET", "/livez").status, 429);
}

TEST_F(ApiFixture, OpeningStreamsCountsAgainstTheAddressRate) {
  options_.ip_rate = 1;
  options_.ip_burst = 3;
  start();
  const auto open_stream = [this] {
    test_support::RawHttpConnection connection(port());
    connection.send(
        "GET /api/v1/stream HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\n"
        "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
    return connection.read_response();
  };
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(open_stream().status, 101);
  const auto refused = open_stream();
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.header("retry-after"), "1");
  EXPECT_EQ(error_code(refused), "rate_limited");
  // The same bucket as plain requests: the address is over its rate for those too.
  EXPECT_EQ(raw_request(port(), "GET", "/livez").status, 429);
}

TEST_F(ApiFixture, SecurityHeadersOnEveryAnswerAndCorsOnlyForAllowedOrigins) {
  options_.cors_origins = {"https://dash.example"};
  start();
  const auto allowed = raw_request(port(), "GET", "/livez", "Origin: https://dash.example\r\n");
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "https://dash.example");
  EXPECT_EQ(allowed.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(allowed.header("x-frame-options"), "DENY");
  EXPECT_THAT(allowed.header("content-security-policy").value_or(""),
              HasSubstr("default-src 'self'"));
  const auto other = raw_request(port(), "GET", "/livez", "Origin: https://evil.example\r\n");
  EXPECT_EQ(other.header("access-control-allow-origin"), std::nullopt);
}

TEST_F(ApiFixture, BadBodiesAreRefusedWithTheRightStatus) {
  add_paper_session(admin_);
  start();
  const auto malformed = send("PUT", "/api/v1/risk/policy", admin_key_, "{\"policy\":");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_THAT(malformed.body, HasSubstr("not valid JSON"));
  EXPECT_EQ(send("PUT", "/api/v1/risk/policy", admin_key_, "[1,2]").status, 400);
  const auto untyped = raw_request(port(), "PUT", "/api/v1/risk/policy",
                                   "X-API-Key: " + admin_key_ + "\r\n", R"({"policy":"moderate"})");
  EXPECT_EQ(untyped.status, 415);
  const auto huge = send("PUT", "/api/v1/risk/policy", admin_key_, std::string(2 << 20, ' '));
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(error_code(huge), "payload_too_large");
  EXPECT_EQ(get("/api/v1/signals?limit=0", admin_key_).status, 400);
  EXPECT_EQ(get("/api/v1/signals?from=yesterday", admin_key_).status, 400);
  EXPECT_EQ(get("/api/v1/nothing-here", admin_key_).status, 404);
  const auto wrong_method = send("POST", "/api/v1/orders", admin_key_, "{}");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.header("allow"), "GET");
  // A path that tries to leave the dashboard's folder, through the server as sent.
  dir_.write("index.html", "<html></html>");
  std::filesystem::create_directories(dir_.path() / "web");
  dir_.write("web/index.html", "<html>dashboard</html>");
  options_.web_root = dir_.path() / "web";
  restart();
  EXPECT_EQ(raw_request(port(), "GET", "/").body, "<html>dashboard</html>");
  for (const char* target : {"/../api.db", "/%2e%2e/%2e%2e/etc/passwd", "/..%2Fapi.db"}) {
    const auto traversal = raw_request(port(), "GET", target);
    EXPECT_EQ(traversal.status, 400) << target;
    EXPECT_EQ(traversal.body.find("SQLite"), std::string::npos) << target;
  }
  // ...and the server still serves.
  EXPECT_EQ(raw_request(port(), "GET", "/livez").status, 200);
}

TEST_F(ApiFixture, MetricsCountRequestsByRouteAndStatus) {
  start();
  get("/api/v1/me", alice_key_);
  get("/api/v1/me", "nonsense");
  // Metrics need a key too; a scraper sends it as a bearer token.
  EXPECT_EQ(raw_request(port(), "GET", "/metrics").status, 401);
  const auto metrics =
      raw_request(port(), "GET", "/metrics", "Authorization: Bearer " + viewer_key_ + "\r\n");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_http_requests_total{route=\"/api/v1/me\","
                                      "method=\"GET\",status=\"200\"} 1"));
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_http_requests_total{route=\"/api/v1/me\","
                                      "method=\"GET\",status=\"401\"} 1"));
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_http_request_duration_seconds_bucket{route=\"/api/"
                                      "v1/me\",le=\"+Inf\"} 2"));
  EXPECT_THAT(metrics.body, HasSubstr("# TYPE sigtrader_websocket_clients gauge"));
}

TEST_F(ApiFixture, ReadyzChecksTheStoreAndTheEngine) {
  bool alive = true;
  services_.engine_alive = [&alive] { return alive; };
  start();
  EXPECT_EQ(raw_request(port(), "GET", "/readyz").status, 200);
  alive = false;
  const auto not_ready = raw_request(port(), "GET", "/readyz");
  EXPECT_EQ(not_ready.status, 503);
  EXPECT_EQ(json_of(not_ready).at("engine").as_bool(), false);
}

TEST_F(ApiFixture, TheStreamSendsAUsersEventsOnlyToThatUsersSubscribers) {
  start();
  test_support::TestWebSocket alice(port(), "/api/v1/stream");
  test_support::TestWebSocket bob(port(), "/api/v1/stream");
  alice.send(R"({"op":"auth","key":")" + alice_key_ + R"("})");
  bob.send(R"({"op":"auth","key":")" + bob_key_ + R"("})");
  EXPECT_THAT(alice.receive().value_or(""), HasSubstr(R"("ok":true)"));
  EXPECT_THAT(bob.receive().value_or(""), HasSubstr(R"("ok":true)"));
  alice.send(R"({"op":"subscribe","topics":["fill","bogus"]})");
  EXPECT_EQ(alice.receive(), R"({"type":"subscribed","topics":["fill"],"unknown":["bogus"]})");
  server_->events().publish(alice_, "order", core::Timestamp::from_ms(5), {{"n", 1}});
  server_->events().publish(alice_, "fill", core::Timestamp::from_ms(7), {{"n", 2}});
  EXPECT_EQ(alice.receive(), R"({"type":"event","topic":"fill","ts":7,"data":{"n":2}})");
  EXPECT_EQ(bob.receive(std::chrono::milliseconds(300)), std::nullopt);
}

TEST_F(ApiFixture, TheStreamClosesAClientThatDoesNotAuthenticateFirst) {
  start();
  test_support::TestWebSocket client(port(), "/api/v1/stream");
  client.send(R"({"op":"subscribe","topics":["fill"]})");
  EXPECT_EQ(client.receive(), std::nullopt);
  EXPECT_EQ(client.closed_code(), std::optional<std::uint16_t>(4401));
  test_support::TestWebSocket liar(port(), "/api/v1/stream");
  liar.send(R"({"op":"auth","key":"sgt_00000000_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})");
  EXPECT_THAT(liar.receive().value_or(""), HasSubstr(R"("ok":false)"));
  EXPECT_EQ(liar.receive(), std::nullopt);
  EXPECT_EQ(liar.closed_code(), std::optional<std::uint16_t>(4401));
}

}  // namespace
}  // namespace sigtrader::api
