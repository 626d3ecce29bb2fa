#include "net/retrying_http_client.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "net/beast_http_client.hpp"
#include "support/fake_http_server.hpp"

namespace sigtrader::net {
namespace {

using core::Duration;
using test_support::FakeHandler;
using test_support::FakeHttpServer;
using test_support::FakeRequest;
using test_support::FakeResponse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Records every wait and moves the simulated clock by it, as real time would pass.
struct RecordingSleeper {
  core::SimClock& clock;
  std::vector<Duration> waits;
  Sleeper sleeper() {
    return [this](Duration wait) {
      waits.push_back(wait);
      clock.advance_by(wait);
    };
  }
};

// Answers with `script` in order, then 200 "ok" for every request after it.
FakeHandler scripted(std::vector<FakeResponse> script) {
  auto next = std::make_shared<std::size_t>(0);
  return [script = std::move(script), next](const FakeRequest&) {
    if (*next < script.size()) return script[(*next)++];
    return FakeResponse::json("ok");
  };
}

FakeResponse status(int code, std::vector<std::pair<std::string, std::string>> headers = {},
                    std::string body = "") {
  FakeResponse response = FakeResponse::json(std::move(body), code);
  for (auto& header : headers)
    response.headers.push_back(std::move(header));
  return response;
}

class RetryingHttpClientTest : public ::testing::Test {
 protected:
  core::SimClock clock_{core::Timestamp::try_parse_iso8601("2024-01-01T10:15:42Z").value()};
  RecordingSleeper sleeper_{clock_, {}};
  BeastHttpClient transport_;
};

TEST_F(RetryingHttpClientTest, WaitsForRetryAfterOn429ThenReturnsTheAnswer) {
  FakeHttpServer server(scripted({status(
      429, {{"Retry-After", "7"}}, R"({"code":-1003,"msg":"Too much request weight used"})")}));
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper());
  const auto response = client.get(server.base_url() + "/api/v3/klines");
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(sleeper_.waits, ElementsAre(Duration::seconds(7)));
  EXPECT_EQ(server.request_count(), 2U);
}

TEST_F(RetryingHttpClientTest, RetriesServerErrorsWithDoublingBackoff) {
  FakeHttpServer server(scripted({status(500), status(502), status(503)}));
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper());
  const auto response = client.get(server.base_url() + "/");
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(sleeper_.waits,
              ElementsAre(Duration::seconds(1), Duration::seconds(2), Duration::seconds(4)));
}

TEST_F(RetryingHttpClientTest, GivesUpAfterTheConfiguredAttemptsWithTheLastStatusAndBody) {
  FakeHttpServer server([](const FakeRequest&) { return status(503, {}, "Service Unavailable."); });
  RetryPolicy policy;
  policy.max_attempts = 3;
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper(), policy);
  const auto response = client.get(server.base_url() + "/api/v3/klines?symbol=BTCUSDT");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_THAT(response.error().message(),
              HasSubstr("/api/v3/klines?symbol=BTCUSDT: HTTP 503; gave up after 3 attempts: "
                        "Service Unavailable."));
  EXPECT_EQ(server.request_count(), 3U);
  EXPECT_THAT(sleeper_.waits, ElementsAre(Duration::seconds(1), Duration::seconds(2)));
}

TEST_F(RetryingHttpClientTest, ReturnsAClientErrorAtOnceWithoutRetrying) {
  FakeHttpServer server([](const FakeRequest&) {
    return status(400, {}, R"({"code":-1121,"msg":"Invalid symbol."})");
  });
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper());
  const auto response = client.get(server.base_url() + "/");
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(server.request_count(), 1U);
  EXPECT_THAT(sleeper_.waits, IsEmpty());
}

TEST_F(RetryingHttpClientTest, RetriesARefusedConnectionThenSaysItGaveUp) {
  std::uint16_t port = 0;
  {
    FakeHttpServer closed([](const FakeRequest&) { return FakeResponse{}; });
    port = closed.port();
  }
  RetryPolicy policy;
  policy.max_attempts = 3;
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper(), policy);
  const auto response = client.get(fmt::format("http://127.0.0.1:{}/", port));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), core::ErrorCode::kUnavailable);
  EXPECT_THAT(response.error().message(), HasSubstr("Connection refused"));
  EXPECT_THAT(response.error().message(), HasSubstr("gave up after 3 attempts"));
  EXPECT_THAT(sleeper_.waits, ElementsAre(Duration::seconds(1), Duration::seconds(2)));
}

TEST_F(RetryingHttpClientTest, PausesUntilTheNextMinuteOnceTheUsedWeightNearsTheLimit) {
  FakeHttpServer server(scripted({status(200, {{"X-MBX-USED-WEIGHT-1M", "5400"}}, "first")}));
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper(), RetryPolicy{},
                            UsedWeightLimit{});
  ASSERT_TRUE(client.get(server.base_url() + "/").ok());
  EXPECT_THAT(sleeper_.waits, IsEmpty()) << "the pause is taken before the next request only";
  ASSERT_TRUE(client.get(server.base_url() + "/").ok());
  // 10:15:42 -> 10:16:00.
  EXPECT_THAT(sleeper_.waits, ElementsAre(Duration::seconds(18)));
}

TEST_F(RetryingHttpClientTest, DoesNotPauseBelowTheWeightThreshold) {
  FakeHttpServer server(scripted({status(200, {{"X-MBX-USED-WEIGHT-1M", "5399"}}, "first")}));
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper(), RetryPolicy{},
                            UsedWeightLimit{});
  ASSERT_TRUE(client.get(server.base_url() + "/").ok());
  ASSERT_TRUE(client.get(server.base_url() + "/").ok());
  EXPECT_THAT(sleeper_.waits, IsEmpty());
}

TEST_F(RetryingHttpClientTest, TellsTheObserverWhyItWaits) {
  FakeHttpServer server(scripted({status(429, {{"Retry-After", "2"}})}));
  RetryingHttpClient client(transport_, clock_, sleeper_.sleeper());
  std::vector<std::string> reasons;
  client.on_wait([&](Duration wait, const std::string& reason) {
    reasons.push_back(wait.to_string() + " " + reason);
  });
  ASSERT_TRUE(client.get(server.base_url() + "/").ok());
  EXPECT_THAT(reasons, ElementsAre("2s HTTP 429, Retry-After 2s"));
}

}  // namespace
}  // namespace sigtrader::net
