#include "risk/approval_queue.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::risk {
namespace {

using core::Duration;
using core::Timestamp;

const Timestamp kStart = Timestamp::from_seconds(1'700'000'000);

PendingApproval queued_at(Duration after_start) {
  PendingApproval item;
  item.queued_at = kStart + after_start;
  item.expires_at = item.queued_at + Duration::minutes(15);
  return item;
}

std::vector<std::int64_t> ids(const std::vector<PendingApproval>& items) {
  std::vector<std::int64_t> out;
  for (const PendingApproval& item : items)
    out.push_back(item.id.value());
  return out;
}

TEST(ApprovalQueue, NumbersItemsFromOneInTheOrderTheyArrive) {
  ApprovalQueue queue(3);
  EXPECT_EQ(queue.add(queued_at(Duration())), ApprovalId(1));
  EXPECT_EQ(queue.add(queued_at(Duration::minutes(1))), ApprovalId(2));
  EXPECT_EQ(ids(queue.items()), (std::vector<std::int64_t>{1, 2}));

  ASSERT_TRUE(queue.take(ApprovalId(1)).has_value());
  EXPECT_FALSE(queue.take(ApprovalId(1)).has_value());
  // An id is never reused, so a late "/approve 1" cannot hit a newer signal.
  EXPECT_EQ(queue.add(queued_at(Duration::minutes(2))), ApprovalId(3));
}

TEST(ApprovalQueue, TakesExpiredItemsAtTheirExpiryAndLeavesTheRest) {
  ApprovalQueue queue(3);
  queue.add(queued_at(Duration()));             // expires at +15m
  queue.add(queued_at(Duration::minutes(10)));  // +25m
  EXPECT_TRUE(queue.take_expired(kStart + Duration::minutes(15) - Duration::seconds(1)).empty());
  EXPECT_EQ(ids(queue.take_expired(kStart + Duration::minutes(15))),
            (std::vector<std::int64_t>{1}));
  EXPECT_EQ(ids(queue.items()), (std::vector<std::int64_t>{2}));
}

TEST(ApprovalQueue, IsFullAtItsCapacityAndGivesUpTheOldestFirst) {
  ApprovalQueue queue(2);
  queue.add(queued_at(Duration()));
  EXPECT_FALSE(queue.full());
  queue.add(queued_at(Duration::minutes(1)));
  EXPECT_TRUE(queue.full());
  EXPECT_EQ(queue.take_oldest()->id, ApprovalId(1));
  EXPECT_FALSE(queue.full());
  EXPECT_EQ(queue.size(), 1u);
}

}  // namespace
}  // namespace sigtrader::risk
