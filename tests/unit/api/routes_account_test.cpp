// /api/v1/portfolio's start and day start, the account gauges of /metrics, and command ids.
#include <string>

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api_fixture.hpp"

namespace sigtrader::api {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class AccountRoutes : public ApiFixture {
 protected:
  boost::json::object portfolio() {
    const auto response = get("/api/v1/portfolio", alice_key_);
    EXPECT_EQ(response.status, 200) << response.body;
    return boost::json::parse(response.body).as_object();
  }

  static std::string text(const boost::json::object& object, std::string_view name) {
    return std::string(object.at(name).as_string());
  }

  void add_order(core::UserId user, const std::string& id, core::OrderStatus status) {
    add_open_order(user, id);
    ASSERT_TRUE(store_
                    ->update_order(core::ClientOrderId(id),
                                   storage::OrderUpdate{.status = status,
                                                        .filled_quantity = core::Quantity{},
                                                        .average_price = std::nullopt,
                                                        .venue_order_id = std::nullopt,
                                                        .reason = std::nullopt,
                                                        .updated_at = now()})
                    .ok());
  }
};

TEST_F(AccountRoutes, SnapshotsAtTheLatestInstantAreNeitherTheStartNorTheDayStart) {
  add_paper_session(alice_);
  // Two snapshots of one instant (a step, then the commands applied before the next one).
  add_snapshot(alice_, day(2) + core::Duration::hours(5), "10000");
  add_snapshot(alice_, day(2) + core::Duration::hours(5), "10040");
  start();
  const auto out = portfolio();
  EXPECT_EQ(text(out, "equity"), "10040");
  EXPECT_EQ(text(out, "starting_equity"), "10040");
  EXPECT_EQ(text(out, "pnl_total"), "0");
  EXPECT_EQ(text(out, "pnl_today"), "0");
}

TEST_F(AccountRoutes, TheDayStartsWithTheLastSnapshotBeforeMidnightAndTheFirstOneIsTheStart) {
  add_paper_session(alice_);
  add_snapshot(alice_, day(1) + core::Duration::hours(1), "10000");
  add_snapshot(alice_, day(1) + core::Duration::hours(23), "10100");
  add_snapshot(alice_, day(1) + core::Duration::hours(23), "10120");  // same instant, later row
  add_snapshot(alice_, day(2), "10200");                              // midnight is today
  add_snapshot(alice_, day(2) + core::Duration::hours(5), "10250");
  start();
  const auto out = portfolio();
  EXPECT_EQ(text(out, "starting_equity"), "10000");
  EXPECT_EQ(text(out, "pnl_total"), "250");
  EXPECT_EQ(text(out, "pnl_today"), "130");
}

TEST_F(AccountRoutes, AFirstDaysPnlCountsFromTheStart) {
  add_paper_session(alice_);
  add_snapshot(alice_, day(2) + core::Duration::hours(1), "10000");
  add_snapshot(alice_, day(2) + core::Duration::hours(5), "9900");
  start();
  const auto out = portfolio();
  EXPECT_EQ(text(out, "pnl_total"), "-100");
  EXPECT_EQ(text(out, "pnl_today"), "-100");
}

TEST_F(AccountRoutes, MetricsCountTheActiveSessionsOrdersByStateAndShowItsEquityAndBreaker) {
  add_paper_session(alice_);  // session 1
  add_snapshot(alice_, day(1), "10250");
  add_order(alice_, "p1-1", core::OrderStatus::kFilled);
  add_order(alice_, "p1-2", core::OrderStatus::kFilled);
  add_order(alice_, "p1-3", core::OrderStatus::kAccepted);
  add_order(alice_, "p1-liq-1", core::OrderStatus::kCanceled);
  add_order(alice_, "p12-1", core::OrderStatus::kRejected);  // another session's
  add_order(alice_, "st-1", core::OrderStatus::kRejected);   // not a paper order
  add_order(bob_, "p1-9", core::OrderStatus::kRejected);     // bob has no session
  start();
  const auto metrics =
      test_support::raw_request(port(), "GET", "/metrics", "X-API-Key: " + viewer_key_ + "\r\n");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_orders{user=\"alice\",state=\"filled\"} 2\n"));
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_orders{user=\"alice\",state=\"accepted\"} 1\n"));
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_orders{user=\"alice\",state=\"canceled\"} 1\n"));
  EXPECT_THAT(metrics.body, Not(HasSubstr("state=\"rejected\"")));
  EXPECT_THAT(metrics.body, Not(HasSubstr("user=\"bob\"")));
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_equity{user=\"alice\"} 10250\n"));
  EXPECT_THAT(metrics.body, HasSubstr("sigtrader_breaker_open{user=\"alice\"} 0\n"));
}

TEST_F(AccountRoutes, ACommandIdIsAWholeNumber) {
  start();
  for (const char* id : {"abc", "1x", "+1", "99999999999999999999"}) {
    EXPECT_EQ(get(std::string("/api/v1/commands/") + id, alice_key_).status, 400) << id;
  }
  EXPECT_EQ(get("/api/v1/commands/-1", alice_key_).status, 404);
  EXPECT_EQ(get("/api/v1/commands/1", alice_key_).status, 404);
}

}  // namespace
}  // namespace sigtrader::api
