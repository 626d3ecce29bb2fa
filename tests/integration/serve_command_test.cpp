// `sigtrader users`, `keys` and `serve` as processes: a key printed once works against the served
// API, a revoked one does not, and SIGTERM stops the server cleanly.
#include <cctype>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sigtrader_process_test.hpp"
#include "spawned_sigtrader.hpp"
#include "support/raw_http_client.hpp"

namespace sigtrader::integration {
namespace {

using ::testing::HasSubstr;

class ServeCommand : public SigtraderProcessTest {
 protected:
  // The key printed in `out`: "sgt_" and the 52 characters after it (see api/api_keys.hpp).
  std::string key_in(const std::string& out) {
    const std::size_t at = out.find("sgt_");
    EXPECT_NE(at, std::string::npos) << out;
    return at == std::string::npos ? std::string() : out.substr(at, 56);
  }
};

TEST_F(ServeCommand, AKeyFromUsersAddWorksAgainstTheServedApiUntilRevoked) {
  const auto added = run({"users", "add", "alice", "--role", "admin", "--db", "api.db"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("shown once"));
  const std::string first = key_in(added.out);
  const auto created = run({"keys", "create", "alice", "--db", "api.db"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  const std::string second = key_in(created.out);
  EXPECT_NE(first, second);
  ASSERT_EQ(run({"keys", "revoke", second.substr(0, 12), "--db", "api.db"}).exit_code, 0);
  const auto listed = run({"keys", "list", "alice", "--db", "api.db"});
  EXPECT_THAT(listed.out, HasSubstr(second.substr(0, 12) + "  created"));
  EXPECT_THAT(listed.out, HasSubstr("REVOKED"));
  // The key itself is never stored or listed.
  EXPECT_THAT(listed.out, ::testing::Not(HasSubstr(first)));

  const pid_t pid = spawn_sigtrader(dir_, {"serve", "--port", "0", "--db", "api.db"});
  const auto banner = wait_for_output(dir_, "sigtrader API on http://", std::chrono::seconds(30));
  ASSERT_TRUE(banner) << read_text(dir_ / "spawned.err");
  const std::size_t host = banner->find("127.0.0.1:");
  ASSERT_NE(host, std::string::npos) << *banner;
  const auto server_port = static_cast<std::uint16_t>(std::stoi(banner->substr(host + 10)));

  const auto me = test_support::raw_request(server_port, "GET", "/api/v1/me",
                                            "X-API-Key: " + first + "\r\n");
  EXPECT_EQ(me.status, 200);
  EXPECT_THAT(me.body, HasSubstr(R"("user":"alice","role":"admin")"));
  EXPECT_EQ(test_support::raw_request(server_port, "GET", "/api/v1/me",
                                      "X-API-Key: " + second + "\r\n")
                .status,
            401);
  EXPECT_EQ(test_support::raw_request(server_port, "GET", "/readyz").status, 200);
  EXPECT_EQ(stop_and_wait(pid), 0) << read_text(dir_ / "spawned.err");
  // Nothing secret reached the log.
  EXPECT_THAT(read_text(dir_ / "spawned.err"), ::testing::Not(HasSubstr(first)));
}

TEST_F(ServeCommand, AnUnknownRoleIsRefused) {
  const auto added = run({"users", "add", "bob", "--role", "boss", "--db", "api.db"});
  EXPECT_NE(added.exit_code, 0);
  EXPECT_THAT(added.err, HasSubstr("unknown role 'boss'"));
}

}  // namespace
}  // namespace sigtrader::integration
