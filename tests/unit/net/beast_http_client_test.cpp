// BeastHttpClient against a real socket: the fake server on 127.0.0.1.
#include "net/beast_http_client.hpp"

#include <chrono>
#include <string>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/fake_http_server.hpp"

namespace sigtrader::net {
namespace {

using test_support::FakeHttpServer;
using test_support::FakeRequest;
using test_support::FakeResponse;
using ::testing::HasSubstr;
using ::testing::Not;

BeastHttpClient::Options fast_options() {
  BeastHttpClient::Options options;
  options.connect_timeout = core::Duration::seconds(2);
  options.request_timeout = core::Duration::seconds(5);
  return options;
}

TEST(BeastHttpClient, GetsStatusHeadersAndBodyAndSendsTheQuery) {
  FakeHttpServer server([](const FakeRequest&) {
    FakeResponse response = FakeResponse::json(R"([[1,"2"]])");
    response.headers.emplace_back("X-MBX-USED-WEIGHT-1M", "12");
    return response;
  });
  BeastHttpClient client(fast_options());
  const auto response =
      client.get(server.base_url() + "/api/v3/klines?symbol=BTCUSDT&interval=1h&limit=1000");
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"([[1,"2"]])");
  EXPECT_EQ(response->header("x-mbx-used-weight-1m"), "12");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1U);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/api/v3/klines");
  EXPECT_EQ(requests[0].param("symbol"), "BTCUSDT");
  EXPECT_EQ(requests[0].param("interval"), "1h");
  EXPECT_EQ(requests[0].param("limit"), "1000");
  EXPECT_EQ(requests[0].headers.at("host"), "127.0.0.1:" + std::to_string(server.port()));
}

TEST(BeastHttpClient, ReturnsErrorStatusesAsResponsesWithTheirBody) {
  FakeHttpServer server([](const FakeRequest&) {
    return FakeResponse::json(R"({"code":-1121,"msg":"Invalid symbol."})", 400);
  });
  BeastHttpClient client(fast_options());
  const auto response = client.get(server.base_url() + "/api/v3/klines?symbol=NOPE");
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->status, 400);
  EXPECT_FALSE(response->success());
  EXPECT_EQ(response->body, R"({"code":-1121,"msg":"Invalid symbol."})");
}

TEST(BeastHttpClient, PostsABodyWithItsHeaders) {
  FakeHttpServer server([](const FakeRequest& request) {
    return FakeResponse::json(R"({"got":")" + request.body + "\"}");
  });
  BeastHttpClient client(fast_options());
  const auto response =
      client.send(HttpRequest{"POST",
                              server.base_url() + "/api/v3/order/test",
                              {{"Content-Type", "application/x-www-form-urlencoded"}},
                              "symbol=BTCUSDT"});
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->body, R"({"got":"symbol=BTCUSDT"})");
  const FakeRequest sent = server.requests().at(0);
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.headers.at("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(sent.headers.at("content-length"), "14");
}

TEST(BeastHttpClient, TimesOutOnASlowServerNamingTheHostAndTheStep) {
  FakeHttpServer server([](const FakeRequest&) {
    FakeResponse response = FakeResponse::json("[]");
    response.delay = std::chrono::seconds(30);
    return response;
  });
  BeastHttpClient::Options options = fast_options();
  options.request_timeout = core::Duration::milliseconds(300);
  BeastHttpClient client(options);
  const auto started = std::chrono::steady_clock::now();
  const auto response = client.get(server.base_url() + "/slow");
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kTimeout);
  EXPECT_THAT(response.error().message(),
              HasSubstr("GET http://127.0.0.1:" + std::to_string(server.port()) + "/slow"));
  EXPECT_THAT(response.error().message(),
              HasSubstr("timed out reading the response (limit 300ms)"));
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(BeastHttpClient, ConnectionRefusedNamesTheHostAndMasksSecretQueryValues) {
  std::uint16_t port = 0;
  {
    FakeHttpServer closed([](const FakeRequest&) { return FakeResponse{}; });
    port = closed.port();
  }  // nothing listens on the port any more
  BeastHttpClient client(fast_options());
  const auto response = client.get(fmt::format(
      "http://127.0.0.1:{}/api/v3/order?symbol=BTCUSDT&signature=c8db5682deadbeef", port));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_THAT(response.error().message(),
              HasSubstr(fmt::format("GET http://127.0.0.1:{}/api/v3/order?symbol=BTCUSDT&"
                                    "signature=***: connecting failed: Connection refused",
                                    port)));
  EXPECT_THAT(response.error().message(), Not(HasSubstr("c8db5682")));
}

TEST(BeastHttpClient, AConnectionClosedWithoutAnAnswerIsAnError) {
  FakeHttpServer server([](const FakeRequest&) {
    FakeResponse response;
    response.close_without_response = true;
    return response;
  });
  BeastHttpClient client(fast_options());
  const auto response = client.get(server.base_url() + "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_THAT(response.error().message(), HasSubstr("reading the response failed"));
}

TEST(BeastHttpClient, RefusesABodyOverTheLimit) {
  FakeHttpServer server(
      [](const FakeRequest&) { return FakeResponse::json(std::string(100, 'x')); });
  BeastHttpClient::Options options = fast_options();
  options.body_limit = 10;
  BeastHttpClient client(options);
  const auto response = client.get(server.base_url() + "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kIo);
  EXPECT_THAT(response.error().message(), HasSubstr("body limit"));
}

TEST(BeastHttpClient, HttpsToAPlainHttpServerFailsInTheTlsHandshake) {
  FakeHttpServer server([](const FakeRequest&) { return FakeResponse::json("[]"); });
  BeastHttpClient client(fast_options());
  const auto response = client.get(fmt::format("https://127.0.0.1:{}/", server.port()));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kIo);
  EXPECT_THAT(
      response.error().message(),
      HasSubstr(fmt::format("GET https://127.0.0.1:{}/: the TLS handshake failed", server.port())));
}

TEST(BeastHttpClient, SpeaksHttpsToAServerWhoseCertificateItTrusts) {
  FakeHttpServer server([](const FakeRequest&) { return FakeResponse::json(R"({"ok":true})"); },
                        test_support::test_tls_files());
  BeastHttpClient::Options options = fast_options();
  options.ca_file = test_support::test_tls_files().certificate_file;
  BeastHttpClient client(options);
  const auto response = client.get(server.base_url() + "/api/v3/ping?x=1");
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"ok":true})");
  EXPECT_EQ(server.requests().at(0).param("x"), "1");
  // The certificate names localhost too; the name goes out as SNI and is checked against it.
  const auto by_name = client.get(fmt::format("https://localhost:{}/", server.port()));
  EXPECT_TRUE(by_name.ok()) << by_name.error().message();
}

TEST(BeastHttpClient, RefusesAServerCertificateNoTrustedAuthoritySigned) {
  // The test certificate is self-signed: the system CA store does not vouch for it.
  FakeHttpServer server([](const FakeRequest&) { return FakeResponse::json("{}"); },
                        test_support::test_tls_files());
  BeastHttpClient client(fast_options());
  const auto response = client.get(server.base_url() + "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kIo);
  EXPECT_THAT(response.error().message(), HasSubstr("the TLS handshake failed"));
  EXPECT_THAT(response.error().message(), HasSubstr("certificate verify failed"));
  EXPECT_EQ(server.request_count(), 0U);
}

TEST(BeastHttpClient, AMalformedUrlIsAParseErrorBeforeAnyTraffic) {
  BeastHttpClient client(fast_options());
  const auto response = client.get("localhost:8080/api");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kParse);
}

}  // namespace
}  // namespace sigtrader::net
