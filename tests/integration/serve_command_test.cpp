// `sigtrader users`, `keys` and `serve` as processes: a key printed once works against the served
// API, a revoked one does not, and SIGTERM stops the server cleanly.
#include <cctype>
#include <chrono>
#include <filesystem>
#include <thread>

#include <boost/json.hpp>
#include <fmt/format.h>

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

  const auto me =
      test_support::raw_request(server_port, "GET", "/api/v1/me", "X-API-Key: " + first + "\r\n");
  EXPECT_EQ(me.status, 200);
  EXPECT_THAT(me.body, HasSubstr(R"("user":"alice","role":"admin")"));
  EXPECT_EQ(
      test_support::raw_request(server_port, "GET", "/api/v1/me", "X-API-Key: " + second + "\r\n")
          .status,
      401);
  EXPECT_EQ(test_support::raw_request(server_port, "GET", "/readyz").status, 200);
  EXPECT_EQ(stop_and_wait(pid), 0) << read_text(dir_ / "spawned.err");
  // Nothing secret reached the log.
  EXPECT_THAT(read_text(dir_ / "spawned.err"), ::testing::Not(HasSubstr(first)));
}

// A served backtest: the config posted as JSON, run on the worker, its report fetched; a config
// whose data lies outside the server's data folder fails without reading it.
TEST_F(ServeCommand, RunsAPostedBacktestAndRefusesDataOutsideTheDataFolder) {
  std::filesystem::create_directories(dir_ / "data");
  // 120 hourly candles: down 1 a candle for 30 hours, up for 40, down again (the fast EMA
  // crosses above the slow one, a long, then below, its exit).
  std::string candles = "timestamp,open,high,low,close,volume\n";
  for (int h = 0; h < 120; ++h) {
    const int open = h < 30 ? 200 - h : h < 70 ? 140 + h : 280 - h;
    const int close = h < 30 || h >= 70 ? open - 1 : open + 1;
    candles += fmt::format("{},{},{},{},{},10\n", 1'704'067'200 + h * 3600, open,
                           std::max(open, close) + 1, std::min(open, close) - 1, close);
  }
  write_file("data/BTC-1h.csv", candles);
  write_file("secret.csv", candles);
  write_file("sigtrader.toml", "[general]\ndata_dir = \"data\"\n");
  const std::string key = key_in(run({"users", "add", "tess", "--db", "api.db"}).out);
  const pid_t pid = spawn_sigtrader(
      dir_, {"serve", "--port", "0", "--db", "api.db", "--config", "sigtrader.toml"});
  const auto banner = wait_for_output(dir_, "sigtrader API on http://", std::chrono::seconds(30));
  ASSERT_TRUE(banner) << read_text(dir_ / "spawned.err");
  const auto port =
      static_cast<std::uint16_t>(std::stoi(banner->substr(banner->find("127.0.0.1:") + 10)));
  const auto post = [&](const std::string& data_file) {
    const std::string toml =
        "[backtest]\nstarting_balance = 1000\n[[market]]\nsymbol = \"BTC/USDT\"\ndata = \"" +
        data_file +
        "\"\ntick_size = \"1\"\nstep_size = \"0.001\"\n[strategy]\nname = \"ema_cross\"\n"
        "[strategy.params]\nfast = 3\nslow = 8\n";
    return test_support::raw_request(port, "POST", "/api/v1/backtests",
                                     "X-API-Key: " + key + "\r\nContent-Type: application/json\r\n",
                                     boost::json::serialize(boost::json::object{{"config", toml}}));
  };
  const auto wait_done = [&](const std::string& id) {
    boost::json::object backtest;
    for (int attempt = 0; attempt < 300; ++attempt) {
      const auto got = test_support::raw_request(port, "GET", "/api/v1/backtests/" + id,
                                                 "X-API-Key: " + key + "\r\n");
      backtest = boost::json::parse(got.body).at("backtest").as_object();
      if (backtest.at("status").as_string() != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return backtest;
  };
  const auto accepted = post("BTC-1h.csv");
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  const std::string id =
      std::to_string(boost::json::parse(accepted.body).at("backtest").at("id").as_int64());
  const boost::json::object done = wait_done(id);
  ASSERT_EQ(std::string(done.at("status").as_string()), "finished") << boost::json::serialize(done);
  const auto& report = done.at("report").as_object();
  EXPECT_EQ(report.at("candles").as_array().size(), 120U);
  EXPECT_EQ(report.at("equity").as_array().size(), 120U);
  // Each closed trade is two markers, entry and exit.
  EXPECT_EQ(report.at("trades").as_array().size() % 2, 0U);
  EXPECT_GT(report.at("trades").as_array().size(), 0U);

  const auto outside = post("../secret.csv");
  ASSERT_EQ(outside.status, 202) << outside.body;
  const boost::json::object refused = wait_done(
      std::to_string(boost::json::parse(outside.body).at("backtest").at("id").as_int64()));
  EXPECT_EQ(std::string(refused.at("status").as_string()), "failed");
  EXPECT_THAT(boost::json::serialize(refused), HasSubstr("outside the server's data folder"));
  EXPECT_EQ(stop_and_wait(pid), 0);
}

TEST_F(ServeCommand, AnUnknownRoleIsRefused) {
  const auto added = run({"users", "add", "bob", "--role", "boss", "--db", "api.db"});
  EXPECT_NE(added.exit_code, 0);
  EXPECT_THAT(added.err, HasSubstr("unknown role 'boss'"));
}

}  // namespace
}  // namespace sigtrader::integration
