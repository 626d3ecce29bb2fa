// 500 WebSocket subscribers of one user, each receiving every event published, in order, while
// publish() returns at once (the engine's thread never waits for a client).
#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace sigtrader::api {
namespace {

TEST_F(ApiFixture, FiveHundredSubscribersEachReceiveEveryEventInOrder) {
  constexpr int kClients = 500;
  constexpr int kEvents = 20;
  // Both ends of every connection live in this process: 1000 descriptors and more, past the usual
  // soft limit of 1024. The hard limit allows raising it.
  rlimit files{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &files), 0);
  files.rlim_cur = std::max<rlim_t>(files.rlim_cur, std::min<rlim_t>(files.rlim_max, 4096));
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &files), 0);
  ASSERT_GE(files.rlim_cur, 1100U) << "the hard limit on open files is too low for this test";
  options_.ip_burst = 10'000;  // all clients come from 127.0.0.1
  options_.http.max_connections = 1000;
  start();
  std::vector<std::unique_ptr<test_support::TestWebSocket>> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<test_support::TestWebSocket>(port(), "/api/v1/stream"));
    clients.back()->send(R"({"op":"auth","key":")" + alice_key_ + R"("})");
  }
  for (auto& client : clients)
    ASSERT_NE(client->receive(std::chrono::seconds(10)), std::nullopt);
  ASSERT_EQ(server_->events().clients(), static_cast<std::size_t>(kClients));
  for (int n = 0; n < kEvents; ++n) {
    const std::size_t sent =
        server_->events().publish(alice_, "fill", core::Timestamp::from_ms(n), {{"n", n}});
    EXPECT_EQ(sent, static_cast<std::size_t>(kClients));
  }
  for (int i = 0; i < kClients; ++i) {
    for (int n = 0; n < kEvents; ++n) {
      const auto message = clients[i]->receive(std::chrono::seconds(10));
      ASSERT_EQ(message, R"({"type":"event","topic":"fill","ts":)" + std::to_string(n) +
                             R"(,"data":{"n":)" + std::to_string(n) + "}}")
          << "client " << i;
    }
  }
  EXPECT_EQ(server_->events().clients(), static_cast<std::size_t>(kClients));
}

}  // namespace
}  // namespace sigtrader::api
