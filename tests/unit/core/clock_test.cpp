#include "core/clock.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

Timestamp at(std::int64_t seconds) {
  return Timestamp::from_seconds(seconds);
}

TEST(SimClock, FiresTimersInDeadlineOrderWhenAdvanced) {
  SimClock clock(at(100));
  std::vector<std::string> fired;
  clock.set_timer(at(130),
                  [&](Timestamp t) { fired.push_back("c@" + std::to_string(t.seconds())); });
  clock.set_timer(at(110),
                  [&](Timestamp t) { fired.push_back("a@" + std::to_string(t.seconds())); });
  clock.set_timer(at(120),
                  [&](Timestamp t) { fired.push_back("b@" + std::to_string(t.seconds())); });

  EXPECT_EQ(clock.advance_to(at(125)), 2u);
  EXPECT_EQ(fired, (std::vector<std::string>{"a@110", "b@120"}));
  EXPECT_EQ(clock.now(), at(125));
  EXPECT_EQ(clock.advance_to(at(200)), 1u);
  EXPECT_EQ(fired.back(), "c@130");
  EXPECT_EQ(clock.pending_timers(), 0u);
}

TEST(SimClock, FiresTimersOfTheSameInstantInTheOrderTheyWereSet) {
  SimClock clock(at(0));
  std::string order;
  for (char name : std::string("xyz")) {
    clock.set_timer(at(5), [&order, name](Timestamp) { order.push_back(name); });
  }
  clock.advance_to(at(5));
  EXPECT_EQ(order, "xyz");
}

TEST(SimClock, ShowsEachTimersDeadlineAsNowWhileItRuns) {
  SimClock clock(at(0));
  std::vector<std::int64_t> seen;
  clock.set_timer(at(7), [&](Timestamp) { seen.push_back(clock.now().seconds()); });
  clock.set_timer(at(3), [&](Timestamp) { seen.push_back(clock.now().seconds()); });
  clock.advance_to(at(10));
  EXPECT_EQ(seen, (std::vector<std::int64_t>{3, 7}));
}

TEST(SimClock, FiresTimersSetByCallbacksWhenTheyFallDueInTheSameAdvance) {
  SimClock clock(at(0));
  std::vector<std::int64_t> fired;
  clock.set_timer(at(1), [&](Timestamp t) {
    fired.push_back(t.seconds());
    clock.set_timer(t + Duration::seconds(2), [&](Timestamp u) { fired.push_back(u.seconds()); });
    clock.set_timer(at(50), [&](Timestamp u) { fired.push_back(u.seconds()); });
  });
  clock.advance_to(at(10));
  EXPECT_EQ(fired, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(clock.pending_timers(), 1u);
}

TEST(SimClock, DoesNotFireACanceledTimer) {
  SimClock clock(at(0));
  int calls = 0;
  const TimerId id = clock.set_timer(at(5), [&](Timestamp) { ++calls; });
  EXPECT_TRUE(clock.cancel_timer(id));
  EXPECT_FALSE(clock.cancel_timer(id));
  clock.advance_to(at(10));
  EXPECT_EQ(calls, 0);
}

TEST(SimClock, FiresATimerSetInThePastAtTheCurrentTime) {
  SimClock clock(at(100));
  Timestamp fired_at;
  clock.set_timer(at(50), [&](Timestamp t) { fired_at = t; });
  clock.advance_to(at(100));
  EXPECT_EQ(fired_at, at(100));
}

TEST(LiveClock, ReadsTheSystemClockAndFiresDueTimers) {
  LiveClock clock;
  const Timestamp now = clock.now();
  // Any date after this code was written and before 2100.
  EXPECT_GT(now, Timestamp::from_seconds(1'700'000'000));
  EXPECT_LT(now, Timestamp::from_seconds(4'102'444'800));
  int calls = 0;
  clock.set_timer(now - Duration::seconds(1), [&](Timestamp) { ++calls; });
  clock.set_timer(now + Duration::hours(1), [&](Timestamp) { ++calls; });
  EXPECT_EQ(clock.fire_due(), 1u);
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(clock.has_timers());
  EXPECT_EQ(clock.next_deadline(), now + Duration::hours(1));
}

}  // namespace
}  // namespace sigtrader::core
