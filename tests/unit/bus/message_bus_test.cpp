#include "bus/message_bus.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::bus {
namespace {

struct Ping {
  int n;
};
struct Pong {
  int n;
};

TEST(MessageBus, DeliversToSubscribersOfTheTypeInSubscriptionOrder) {
  MessageBus bus;
  std::vector<std::string> calls;
  bus.subscribe<Ping>([&](const Ping& p) { calls.push_back("a" + std::to_string(p.n)); });
  bus.subscribe<Pong>([&](const Pong& p) { calls.push_back("pong" + std::to_string(p.n)); });
  bus.subscribe<Ping>([&](const Ping& p) { calls.push_back("b" + std::to_string(p.n)); });
  bus.publish(Ping{1});
  bus.publish(Pong{2});
  bus.publish(Ping{3});
  EXPECT_EQ(calls, (std::vector<std::string>{"a1", "b1", "pong2", "a3", "b3"}));
  EXPECT_EQ(bus.published_count(), 3u);
  EXPECT_EQ(bus.subscriber_count<Ping>(), 2u);
}

TEST(MessageBus, DeliversEventsPublishedByHandlersAfterTheCurrentEventReachedEveryone) {
  MessageBus bus;
  std::vector<std::string> calls;
  bus.subscribe<Ping>([&](const Ping& p) {
    calls.push_back("first ping" + std::to_string(p.n));
    if (p.n < 2) bus.publish(Ping{p.n + 1});
    bus.publish(Pong{p.n});
  });
  bus.subscribe<Ping>([&](const Ping& p) { calls.push_back("second ping" + std::to_string(p.n)); });
  bus.subscribe<Pong>([&](const Pong& p) { calls.push_back("pong" + std::to_string(p.n)); });
  bus.publish(Ping{1});
  // Both subscribers see ping1 before anything it caused; then events in publish order.
  EXPECT_EQ(calls, (std::vector<std::string>{"first ping1", "second ping1", "first ping2",
                                             "second ping2", "pong1", "pong2"}));
}

TEST(MessageBus, StartsNewSubscriptionsFromTheNextEvent) {
  MessageBus bus;
  std::vector<int> late;
  bool subscribed = false;
  bus.subscribe<Ping>([&](const Ping&) {
    if (!subscribed) {
      subscribed = true;
      bus.subscribe<Ping>([&](const Ping& p) { late.push_back(p.n); });
    }
  });
  bus.publish(Ping{1});
  bus.publish(Ping{2});
  EXPECT_EQ(late, (std::vector<int>{2}));
}

TEST(MessageBus, LetsAHandlerUnsubscribeItselfAndOthersWhileRunning) {
  MessageBus bus;
  std::vector<std::string> calls;
  SubscriptionId second = 0;
  SubscriptionId first = 0;
  first = bus.subscribe<Ping>([&](const Ping& p) {
    calls.push_back("first" + std::to_string(p.n));
    EXPECT_TRUE(bus.unsubscribe(first));
    EXPECT_TRUE(bus.unsubscribe(second));
  });
  second =
      bus.subscribe<Ping>([&](const Ping& p) { calls.push_back("second" + std::to_string(p.n)); });
  bus.subscribe<Ping>([&](const Ping& p) { calls.push_back("third" + std::to_string(p.n)); });
  bus.publish(Ping{1});
  bus.publish(Ping{2});
  EXPECT_EQ(calls, (std::vector<std::string>{"first1", "third1", "third2"}));
  EXPECT_FALSE(bus.unsubscribe(first));
  EXPECT_EQ(bus.subscriber_count<Ping>(), 1u);
}

TEST(MessageBus, StaysUsableAfterAHandlerThrows) {
  MessageBus bus;
  int delivered = 0;
  bus.subscribe<Ping>([&](const Ping& p) {
    if (p.n == 1) {
      bus.publish(Pong{1});  // queued, then dropped with the failed dispatch
      throw std::runtime_error("handler bug");
    }
    ++delivered;
  });
  int pongs = 0;
  bus.subscribe<Pong>([&](const Pong&) { ++pongs; });
  EXPECT_THROW(bus.publish(Ping{1}), std::runtime_error);
  bus.publish(Ping{2});
  EXPECT_EQ(delivered, 1);
  EXPECT_EQ(pongs, 0);
}

TEST(MessageBus, KeepsBusesIndependent) {
  MessageBus a;
  MessageBus b;
  int on_a = 0;
  a.subscribe<Ping>([&](const Ping&) { ++on_a; });
  b.publish(Ping{1});
  EXPECT_EQ(on_a, 0);
  EXPECT_EQ(b.subscriber_count<Ping>(), 0u);
}

}  // namespace
}  // namespace sigtrader::bus
