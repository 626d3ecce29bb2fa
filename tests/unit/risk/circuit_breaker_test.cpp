#include "risk/circuit_breaker.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bus/message_bus.hpp"

namespace sigtrader::risk {
namespace {

using core::Duration;
using core::Money;
using core::Timestamp;

Money usd(std::int64_t amount) {
  return Money::from_int(amount);
}

// 2024-03-01T10:00:00Z, a Friday morning.
Timestamp morning() {
  return Timestamp::from_date(2024, 3, 1).value() + Duration::hours(10);
}

// A breaker whose streak limit cannot trip, to test the daily limit alone.
BreakerConfig daily_only() {
  BreakerConfig config;
  config.max_consecutive_losses = 100;
  return config;
}

TEST(CircuitBreaker, StartsClosedAndAllowsEntries) {
  CircuitBreaker breaker;
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.allows_entry(morning()), std::nullopt);
  EXPECT_TRUE(breaker.transitions().empty());
}

TEST(CircuitBreaker, OpensOnTheThirdConsecutiveLoss) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  breaker.on_equity(t, usd(100'000));
  breaker.on_trade_closed(t + Duration::minutes(1), usd(-10), usd(99'990));
  breaker.on_trade_closed(t + Duration::minutes(2), usd(-10), usd(99'980));
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.allows_entry(t + Duration::minutes(2)), std::nullopt);

  breaker.on_trade_closed(t + Duration::minutes(3), usd(-10), usd(99'970));
  ASSERT_TRUE(breaker.is_open());
  EXPECT_EQ(breaker.state().open_since, t + Duration::minutes(3));
  EXPECT_EQ(breaker.state().open_reason, "3 consecutive losses");
  ASSERT_EQ(breaker.transitions().size(), 1u);
  EXPECT_EQ(breaker.transitions()[0].kind, "breaker_opened");
  EXPECT_EQ(breaker.transitions()[0].reason, "3 consecutive losses");
}

TEST(CircuitBreaker, AWinInterruptsTheStreak) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  breaker.on_trade_closed(t, usd(-10), usd(99'990));
  breaker.on_trade_closed(t, usd(-10), usd(99'980));
  breaker.on_trade_closed(t, usd(5), usd(99'985));
  EXPECT_EQ(breaker.state().consecutive_losses, 0);
  breaker.on_trade_closed(t, usd(-10), usd(99'975));
  breaker.on_trade_closed(t, usd(-10), usd(99'965));
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.state().consecutive_losses, 2);
  breaker.on_trade_closed(t, usd(-10), usd(99'955));
  EXPECT_TRUE(breaker.is_open());
}

TEST(CircuitBreaker, AZeroPnlTradeNeitherCountsNorResetsTheStreak) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  breaker.on_trade_closed(t, usd(-10), usd(99'990));
  breaker.on_trade_closed(t, usd(-10), usd(99'980));
  breaker.on_trade_closed(t, usd(0), usd(99'980));
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.state().consecutive_losses, 2);
  breaker.on_trade_closed(t, usd(-10), usd(99'970));
  EXPECT_TRUE(breaker.is_open());
}

TEST(CircuitBreaker, ADailyLossOfFivePointOnePercentOpensIt) {
  // Start 10000; -200 then -310 is -510 = 5.1 % >= 5 %.
  CircuitBreaker breaker(daily_only());
  const Timestamp t = morning();
  breaker.on_equity(t, usd(10'000));
  breaker.on_trade_closed(t + Duration::hours(1), usd(-200), usd(9'800));
  EXPECT_FALSE(breaker.is_open());
  breaker.on_trade_closed(t + Duration::hours(2), usd(-310), usd(9'490));
  ASSERT_TRUE(breaker.is_open());
  EXPECT_EQ(breaker.state().open_reason,
            "daily loss 5.1 % of start-of-day equity 10000 reached the limit 5 %");
  EXPECT_EQ(breaker.state().realized_pnl_today, usd(-510));

  ASSERT_EQ(breaker.transitions().size(), 1u);
  const auto& details = breaker.transitions()[0].details;
  const std::vector<std::pair<std::string, std::string>> expected{
      {"day", "2024-03-01"},
      {"daily_loss", "510"},
      {"daily_loss_pct", "5.1"},
      {"day_start_equity", "10000"},
      {"limit_pct", "5"},
      {"cooldown", "4h"},
      {"closes_at", "2024-03-01T16:00:00Z"}};
  EXPECT_EQ(details, expected);
}

TEST(CircuitBreaker, ADailyLossOfFourPointNinePercentDoesNotOpenIt) {
  CircuitBreaker breaker(daily_only());
  const Timestamp t = morning();
  breaker.on_equity(t, usd(10'000));
  breaker.on_trade_closed(t + Duration::hours(1), usd(-200), usd(9'800));
  breaker.on_trade_closed(t + Duration::hours(2), usd(-290), usd(9'510));
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.allows_entry(t + Duration::hours(2)), std::nullopt);
}

TEST(CircuitBreaker, ADailyLossOfExactlyTheLimitOpensIt) {
  CircuitBreaker breaker(daily_only());
  const Timestamp t = morning();
  breaker.on_equity(t, usd(10'000));
  breaker.on_trade_closed(t, usd(-500), usd(9'500));
  EXPECT_TRUE(breaker.is_open());
  EXPECT_EQ(breaker.state().open_reason,
            "daily loss 5 % of start-of-day equity 10000 reached the limit 5 %");
}

TEST(CircuitBreaker, WinsOffsetLossesInTheDailyLoss) {
  // -400 + 100 - 250 = -550 of 10000 = 5.5 %; without the win it would have opened at -650.
  CircuitBreaker breaker(daily_only());
  const Timestamp t = morning();
  breaker.on_equity(t, usd(10'000));
  breaker.on_trade_closed(t, usd(-400), usd(9'600));
  breaker.on_trade_closed(t, usd(100), usd(9'700));
  EXPECT_FALSE(breaker.is_open());
  breaker.on_trade_closed(t, usd(-150), usd(9'550));
  EXPECT_FALSE(breaker.is_open());  // -450 = 4.5 %
  breaker.on_trade_closed(t, usd(-100), usd(9'450));
  EXPECT_TRUE(breaker.is_open());  // -550 = 5.5 %
}

TEST(CircuitBreaker, TakesTheStartOfDayEquityFromTheFirstTradeWhenNoEquityCameFirst) {
  // The first trade of the day lost 200 and left 9800, so the day started at 10000.
  CircuitBreaker breaker(daily_only());
  const Timestamp t = morning();
  breaker.on_trade_closed(t, usd(-200), usd(9'800));
  EXPECT_EQ(breaker.state().day_start_equity, usd(10'000));
  EXPECT_EQ(breaker.state().day, Timestamp::from_date(2024, 3, 1).value());
  breaker.on_trade_closed(t, usd(-300), usd(9'500));
  EXPECT_TRUE(breaker.is_open());
}

TEST(CircuitBreaker, ANewUtcDayResetsTheDailyLoss) {
  CircuitBreaker breaker(daily_only());
  const Timestamp day1 = morning();
  breaker.on_equity(day1, usd(10'000));
  breaker.on_trade_closed(day1, usd(-300), usd(9'700));

  // 23:59:59.999 is still the first day: its start equity stays.
  const Timestamp midnight = Timestamp::from_date(2024, 3, 2).value();
  breaker.on_equity(midnight - Duration::milliseconds(1), usd(9'650));
  EXPECT_EQ(breaker.state().day_start_equity, usd(10'000));
  EXPECT_EQ(breaker.state().realized_pnl_today, usd(-300));

  breaker.on_equity(midnight, usd(9'700));
  EXPECT_EQ(breaker.state().day, midnight);
  EXPECT_EQ(breaker.state().day_start_equity, usd(9'700));
  EXPECT_EQ(breaker.state().realized_pnl_today, usd(0));

  // Another -300 is 3.1 % of the new day, not 6 % of the old one.
  breaker.on_trade_closed(midnight + Duration::hours(1), usd(-300), usd(9'400));
  EXPECT_FALSE(breaker.is_open());
}

TEST(CircuitBreaker, ANewUtcDayDoesNotCloseAnOpenBreaker) {
  CircuitBreaker breaker(daily_only());
  const Timestamp late = Timestamp::from_date(2024, 3, 1).value() + Duration::hours(22);
  breaker.on_equity(late, usd(10'000));
  breaker.on_trade_closed(late, usd(-600), usd(9'400));
  ASSERT_TRUE(breaker.is_open());

  const Timestamp midnight = Timestamp::from_date(2024, 3, 2).value();
  breaker.on_equity(midnight, usd(9'400));
  EXPECT_TRUE(breaker.is_open());
  EXPECT_EQ(breaker.state().realized_pnl_today, usd(0));
  ASSERT_TRUE(breaker.allows_entry(midnight + Duration::hours(1)).has_value());
  EXPECT_EQ(breaker.allows_entry(late + Duration::hours(4)), std::nullopt);
}

TEST(CircuitBreaker, RefusesEntriesWhileOpenWithReasonCodeBreakerOpen) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  for (int i = 0; i < 3; ++i)
    breaker.on_trade_closed(t, usd(-10), usd(1'000));
  const auto refusal = breaker.allows_entry(t + Duration::minutes(5));
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->code, "breaker_open");
  EXPECT_EQ(refusal->text,
            "circuit breaker open since 2024-03-01T10:00:00Z (3 consecutive losses); it closes "
            "at 2024-03-01T14:00:00Z or on a manual resume");
}

TEST(CircuitBreaker, CooldownClosesItExactlyFourHoursAfterOpening) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  for (int i = 0; i < 3; ++i)
    breaker.on_trade_closed(t, usd(-10), usd(1'000));
  ASSERT_TRUE(breaker.is_open());
  EXPECT_EQ(breaker.closes_at(), t + Duration::hours(4));

  const Timestamp just_before = t + Duration::hours(4) - Duration::milliseconds(1);
  EXPECT_TRUE(breaker.allows_entry(just_before).has_value());
  EXPECT_TRUE(breaker.is_open());

  EXPECT_EQ(breaker.allows_entry(t + Duration::hours(4)), std::nullopt);
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.closes_at(), std::nullopt);
  ASSERT_EQ(breaker.transitions().size(), 2u);
  EXPECT_EQ(breaker.transitions()[1].kind, "breaker_closed");
  EXPECT_EQ(breaker.transitions()[1].reason, "cooldown of 4h elapsed");
  EXPECT_EQ(breaker.transitions()[1].header.ts_event, t + Duration::hours(4));
}

TEST(CircuitBreaker, ClosingStartsTheLossStreakAgain) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  for (int i = 0; i < 3; ++i)
    breaker.on_trade_closed(t, usd(-10), usd(100'000));
  EXPECT_EQ(breaker.allows_entry(t + Duration::hours(4)), std::nullopt);
  EXPECT_EQ(breaker.state().consecutive_losses, 0);
  breaker.on_trade_closed(t + Duration::hours(5), usd(-10), usd(100'000));
  EXPECT_FALSE(breaker.is_open());
}

TEST(CircuitBreaker, LossesWhileOpenDoNotOpenItAgain) {
  // Exits keep closing trades while the breaker is open; they feed it but open nothing new.
  CircuitBreaker breaker;
  const Timestamp t = morning();
  for (int i = 0; i < 5; ++i)
    breaker.on_trade_closed(t, usd(-10), usd(100'000));
  EXPECT_EQ(breaker.transitions().size(), 1u);
  EXPECT_EQ(breaker.state().consecutive_losses, 5);
  EXPECT_EQ(breaker.state().open_since, t);
}

TEST(CircuitBreaker, AManualResumeClosesItBeforeTheCooldown) {
  CircuitBreaker breaker;
  const Timestamp t = morning();
  EXPECT_FALSE(breaker.resume(t, "alice"));  // nothing to resume
  for (int i = 0; i < 3; ++i)
    breaker.on_trade_closed(t, usd(-10), usd(1'000));

  EXPECT_TRUE(breaker.resume(t + Duration::minutes(30), "alice"));
  EXPECT_FALSE(breaker.is_open());
  EXPECT_EQ(breaker.allows_entry(t + Duration::minutes(31)), std::nullopt);
  ASSERT_EQ(breaker.transitions().size(), 2u);
  EXPECT_EQ(breaker.transitions()[1].kind, "breaker_resumed");
  EXPECT_EQ(breaker.transitions()[1].reason, "resumed by alice");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"opened_at", "2024-03-01T10:00:00Z"}, {"by", "alice"}};
  EXPECT_EQ(breaker.transitions()[1].details, expected);
  EXPECT_FALSE(breaker.resume(t + Duration::minutes(32), "alice"));
  EXPECT_EQ(breaker.transitions().size(), 2u);
}

TEST(CircuitBreaker, PublishesEveryTransitionInOrderOnTheBus) {
  bus::MessageBus bus;
  std::vector<bus::RiskEvent> received;
  bus.subscribe<bus::RiskEvent>([&](const bus::RiskEvent& event) { received.push_back(event); });
  BreakerConfig config;
  config.cooldown = Duration::hours(1);
  CircuitBreaker breaker(config, &bus);

  const Timestamp t = morning();
  breaker.on_equity(t, usd(10'000));
  for (int i = 0; i < 3; ++i)
    breaker.on_trade_closed(t, usd(-10), usd(10'000 - 10 * (i + 1)));
  EXPECT_EQ(breaker.allows_entry(t + Duration::hours(1)), std::nullopt);
  breaker.on_trade_closed(t + Duration::hours(2), usd(-600), usd(9'370));  // 6.3 % today
  EXPECT_TRUE(breaker.resume(t + Duration::hours(3), "telegram:bob"));

  ASSERT_EQ(received.size(), 4u);
  EXPECT_EQ(received[0].kind, "breaker_opened");
  EXPECT_EQ(received[0].reason, "3 consecutive losses");
  EXPECT_EQ(received[0].header.ts_event, t);
  EXPECT_EQ(received[1].kind, "breaker_closed");
  EXPECT_EQ(received[1].reason, "cooldown of 1h elapsed");
  EXPECT_EQ(received[2].kind, "breaker_opened");
  EXPECT_EQ(received[2].reason,
            "daily loss 6.3 % of start-of-day equity 10000 reached the limit 5 %");
  EXPECT_EQ(received[2].header.ts_event, t + Duration::hours(2));
  EXPECT_EQ(received[3].kind, "breaker_resumed");
  EXPECT_EQ(received[3].reason, "resumed by telegram:bob");
  EXPECT_EQ(received[3].header.ts_init, t + Duration::hours(3));

  // The same list waits for the store writer.
  ASSERT_EQ(breaker.transitions().size(), received.size());
  for (std::size_t i = 0; i < received.size(); ++i) {
    EXPECT_EQ(breaker.transitions()[i].kind, received[i].kind);
    EXPECT_EQ(breaker.transitions()[i].reason, received[i].reason);
  }
  EXPECT_EQ(breaker.take_transitions().size(), 4u);
  EXPECT_TRUE(breaker.transitions().empty());
}

TEST(CircuitBreaker, AStateRoundTripRestoresAnOpenBreaker) {
  CircuitBreaker before(daily_only());
  const Timestamp t = morning();
  before.on_equity(t, usd(10'000));
  before.on_trade_closed(t + Duration::hours(1), usd(-200), usd(9'800));
  before.on_trade_closed(t + Duration::hours(2), usd(-310), usd(9'490));
  ASSERT_TRUE(before.is_open());
  const BreakerState saved = before.state();

  CircuitBreaker after(daily_only());
  ASSERT_TRUE(after.restore(saved).ok());
  EXPECT_EQ(after.state(), saved);
  EXPECT_TRUE(after.is_open());
  EXPECT_TRUE(after.transitions().empty());  // restoring is not a transition
  EXPECT_EQ(after.state().open_since, t + Duration::hours(2));
  EXPECT_EQ(after.state().consecutive_losses, 2);
  EXPECT_EQ(after.state().day_start_equity, usd(10'000));
  EXPECT_EQ(after.state().realized_pnl_today, usd(-510));

  const auto refusal = after.allows_entry(t + Duration::hours(3));
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->code, "breaker_open");
  EXPECT_EQ(after.allows_entry(t + Duration::hours(6)), std::nullopt);
}

TEST(CircuitBreaker, RestoreRefusesAStateNoBreakerCouldHaveProduced) {
  CircuitBreaker breaker;
  BreakerState negative;
  negative.consecutive_losses = -1;
  EXPECT_FALSE(breaker.restore(negative).ok());

  BreakerState open_without_reason;
  open_without_reason.open_since = morning();
  EXPECT_FALSE(breaker.restore(open_without_reason).ok());

  BreakerState not_midnight;
  not_midnight.day = morning();
  const auto status = breaker.restore(not_midnight);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message(),
            "saved circuit breaker state: day 2024-03-01T10:00:00Z is not a UTC midnight");
  EXPECT_EQ(breaker.state(), BreakerState{});
}

}  // namespace
}  // namespace sigtrader::risk
