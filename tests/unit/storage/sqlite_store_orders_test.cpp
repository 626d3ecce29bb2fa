#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage/sqlite_store.hpp"
#include "storage_test_support.hpp"

namespace sigtrader::storage {
namespace {

using testing_support::at_seconds;
using testing_support::sample_order;

std::int64_t rows_in(SqliteStore& store, std::string_view table) {
  const auto tables = store.table_counts();
  for (const TableInfo& info : tables.value()) {
    if (info.name == table) return info.rows;
  }
  ADD_FAILURE() << "no table " << table;
  return -1;
}

class StoreOrders : public ::testing::Test {
 protected:
  void SetUp() override {
    auto alice = store_->create_user("alice", at_seconds(0));
    ASSERT_TRUE(alice.ok());
    alice_ = alice->id;
  }

  FillRow fill_of(OrderRowId order, std::string trade_id, core::Timestamp at) {
    return FillRow{
        .id = {},
        .order_id = order,
        .trade_id = core::TradeId(std::move(trade_id)),
        .price = core::Price::parse("68123.50"),
        .quantity = core::Quantity::parse("0.00050000"),
        .fee = core::Money::parse("0.03406175"),
        .fee_asset = "USDT",
        .maker = true,
        .ts_event = at,
        .ts_init = at + core::Duration::milliseconds(3),
    };
  }

  std::unique_ptr<SqliteStore> store_ = testing_support::open_memory_store();
  core::UserId alice_;
};

TEST_F(StoreOrders, AnOrderIsFoundByItsClientOrderIdWithEveryFieldIntact) {
  const OrderRow order = sample_order(alice_, "st-1-1", at_seconds(5));
  const auto id = store_->insert_order(order);
  ASSERT_TRUE(id.ok()) << id.error().message();

  const auto stored = store_->find_order(order.client_order_id);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_EQ(stored->id, *id);
  EXPECT_EQ(stored->user_id, alice_);
  EXPECT_EQ(stored->venue, "binance");
  EXPECT_EQ(stored->symbol.to_string(), "BTC/USDT");
  EXPECT_EQ(stored->side, core::OrderSide::kBuy);
  EXPECT_EQ(stored->type, core::OrderType::kLimit);
  EXPECT_EQ(stored->time_in_force, core::TimeInForce::kGtc);
  EXPECT_EQ(stored->status, core::OrderStatus::kNew);
  EXPECT_EQ(stored->quantity.to_string(), "0.00150000");
  EXPECT_EQ(stored->price->to_string(), "68123.50");
  EXPECT_FALSE(stored->trigger_price.has_value());
  EXPECT_FALSE(stored->average_price.has_value());
  EXPECT_FALSE(stored->venue_order_id.has_value());
  EXPECT_EQ(stored->strategy_id, core::StrategyId("signal-follower"));
  EXPECT_EQ(stored->trace_id, core::TraceId("trace-1"));
  EXPECT_EQ(stored->created_at, at_seconds(5));
}

TEST_F(StoreOrders, ReinsertingAClientOrderIdIsAlreadyExistsAndStoresNoSecondRow) {
  const OrderRow order = sample_order(alice_, "st-1-1", at_seconds(5));
  const auto first = store_->insert_order(order);
  ASSERT_TRUE(first.ok());

  OrderRow retry = order;
  retry.quantity = core::Quantity::parse("9");
  const auto second = store_->insert_order(retry);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code(), core::ErrorCode::kAlreadyExists);
  EXPECT_NE(second.error().message().find("'st-1-1' is already stored (orders row " +
                                          std::to_string(first->value()) + ")"),
            std::string::npos)
      << second.error().message();
  EXPECT_EQ(rows_in(*store_, "orders"), 1);
  EXPECT_EQ(store_->find_order(order.client_order_id)->quantity.to_string(), "0.00150000");
}

TEST_F(StoreOrders, AnOrderWithoutAClientOrderIdIsRefused) {
  const auto id = store_->insert_order(sample_order(alice_, "", at_seconds(5)));
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code(), core::ErrorCode::kInvalidArgument);
}

TEST_F(StoreOrders, AnOrderOfAnUnknownUserIsRefused) {
  const auto id = store_->insert_order(sample_order(core::UserId(99), "st-1-1", at_seconds(5)));
  ASSERT_FALSE(id.ok());
  EXPECT_NE(id.error().message().find("FOREIGN KEY"), std::string::npos);
}

TEST_F(StoreOrders, UpdatingAnOrderChangesItsStateAndKeepsWhatTheUpdateLeavesEmpty) {
  const OrderRow order = sample_order(alice_, "st-1-1", at_seconds(5));
  ASSERT_TRUE(store_->insert_order(order).ok());
  ASSERT_TRUE(store_
                  ->update_order(order.client_order_id,
                                 OrderUpdate{.status = core::OrderStatus::kAccepted,
                                             .filled_quantity = core::Quantity::parse("0"),
                                             .average_price = std::nullopt,
                                             .venue_order_id = core::VenueOrderId("8812"),
                                             .reason = std::nullopt,
                                             .updated_at = at_seconds(6)})
                  .ok());
  ASSERT_TRUE(store_
                  ->update_order(order.client_order_id,
                                 OrderUpdate{.status = core::OrderStatus::kPartiallyFilled,
                                             .filled_quantity = core::Quantity::parse("0.0005"),
                                             .average_price = core::Price::parse("68120.00"),
                                             .venue_order_id = std::nullopt,
                                             .reason = std::nullopt,
                                             .updated_at = at_seconds(7)})
                  .ok());
  const auto stored = store_->find_order(order.client_order_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->status, core::OrderStatus::kPartiallyFilled);
  EXPECT_EQ(stored->filled_quantity.to_string(), "0.0005");
  EXPECT_EQ(stored->average_price->to_string(), "68120.00");
  EXPECT_EQ(stored->venue_order_id, core::VenueOrderId("8812"));
  EXPECT_EQ(stored->created_at, at_seconds(5));
  EXPECT_EQ(stored->updated_at, at_seconds(7));
}

TEST_F(StoreOrders, UpdatingAnUnknownOrderIsNotFound) {
  const auto status = store_->update_order(
      core::ClientOrderId("nope"), OrderUpdate{.status = core::OrderStatus::kCanceled,
                                               .filled_quantity = core::Quantity::parse("0"),
                                               .average_price = std::nullopt,
                                               .venue_order_id = std::nullopt,
                                               .reason = "canceled by user",
                                               .updated_at = at_seconds(1)});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kNotFound);
  EXPECT_EQ(store_->find_order(core::ClientOrderId("nope")).error().code(),
            core::ErrorCode::kNotFound);
}

TEST_F(StoreOrders, OpenOrdersAreThoseThatCanStillFillOldestFirstPerUserOrForEveryone) {
  const auto bob = store_->create_user("bob", at_seconds(0));
  ASSERT_TRUE(bob.ok());
  const std::array statuses = {
      core::OrderStatus::kNew,    core::OrderStatus::kAccepted, core::OrderStatus::kPartiallyFilled,
      core::OrderStatus::kFilled, core::OrderStatus::kCanceled, core::OrderStatus::kRejected,
      core::OrderStatus::kExpired};
  // Inserted newest first, so the listing's order comes from created_at, not insertion.
  for (int i = static_cast<int>(statuses.size()) - 1; i >= 0; --i) {
    OrderRow order = sample_order(alice_, "a-" + std::to_string(i), at_seconds(i));
    order.status = statuses[static_cast<std::size_t>(i)];
    ASSERT_TRUE(store_->insert_order(order).ok());
  }
  ASSERT_TRUE(store_->insert_order(sample_order(bob->id, "b-0", at_seconds(100))).ok());

  const auto alices = store_->list_open_orders(alice_);
  ASSERT_TRUE(alices.ok()) << alices.error().message();
  ASSERT_EQ(alices->size(), 3u);
  EXPECT_EQ(alices->at(0).client_order_id, core::ClientOrderId("a-0"));
  EXPECT_EQ(alices->at(1).client_order_id, core::ClientOrderId("a-1"));
  EXPECT_EQ(alices->at(2).client_order_id, core::ClientOrderId("a-2"));

  const auto everyone = store_->list_open_orders(std::nullopt);
  ASSERT_TRUE(everyone.ok());
  ASSERT_EQ(everyone->size(), 4u);
  EXPECT_EQ(everyone->back().client_order_id, core::ClientOrderId("b-0"));
}

TEST_F(StoreOrders, AFillReportedTwiceIsStoredOnce) {
  const auto order = store_->insert_order(sample_order(alice_, "st-1-1", at_seconds(5)));
  ASSERT_TRUE(order.ok());
  const auto first = store_->insert_fill(fill_of(*order, "t-100", at_seconds(6)));
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_TRUE(first->is_new);
  const auto again = store_->insert_fill(fill_of(*order, "t-100", at_seconds(6)));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->is_new);
  EXPECT_EQ(again->id, first->id);
  ASSERT_TRUE(store_->insert_fill(fill_of(*order, "t-101", at_seconds(7))).ok());

  const auto fills = store_->list_fills(*order);
  ASSERT_TRUE(fills.ok()) << fills.error().message();
  ASSERT_EQ(fills->size(), 2u);
  EXPECT_EQ(fills->at(0).trade_id, core::TradeId("t-100"));
  EXPECT_EQ(fills->at(0).price.to_string(), "68123.50");
  EXPECT_EQ(fills->at(0).quantity.to_string(), "0.00050000");
  EXPECT_EQ(fills->at(0).fee.to_string(), "0.03406175");
  EXPECT_TRUE(fills->at(0).maker);
  EXPECT_EQ(fills->at(1).trade_id, core::TradeId("t-101"));
}

TEST_F(StoreOrders, AFillOfAnUnknownOrderIsRefused) {
  const auto fill = store_->insert_fill(fill_of(OrderRowId(404), "t-1", at_seconds(1)));
  ASSERT_FALSE(fill.ok());
  EXPECT_NE(fill.error().message().find("FOREIGN KEY"), std::string::npos);
}

TEST_F(StoreOrders, AStoredValueThatIsNotADecimalIsReportedWithTableColumnAndValue) {
  const OrderRow order = sample_order(alice_, "st-1-1", at_seconds(5));
  ASSERT_TRUE(store_->insert_order(order).ok());
  ASSERT_TRUE(store_->connection().execute_script("UPDATE orders SET price = 'abc'").ok());
  const auto stored = store_->find_order(order.client_order_id);
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code(), core::ErrorCode::kStorage);
  EXPECT_NE(stored.error().message().find("orders.price holds 'abc'"), std::string::npos)
      << stored.error().message();
}

// Orders of alice, oldest first: p1-1 (filled), p1-2, p12-1, P1-3, x%1; and bob's p1-9.
class StoreOrderListings : public StoreOrders {
 protected:
  void SetUp() override {
    StoreOrders::SetUp();
    bob_ = store_->create_user("bob", at_seconds(0)).value().id;
    for (const char* id : {"p1-1", "p1-2", "p12-1", "P1-3", "x%1"}) {
      orders_[id] = store_->insert_order(sample_order(alice_, id, at_seconds(5))).value();
    }
    OrderRow bobs = sample_order(bob_, "p1-9", at_seconds(5));
    bobs.side = core::OrderSide::kSell;
    orders_["p1-9"] = store_->insert_order(bobs).value();
    ASSERT_TRUE(store_
                    ->update_order(core::ClientOrderId("p1-1"),
                                   OrderUpdate{.status = core::OrderStatus::kFilled,
                                               .filled_quantity = core::Quantity::parse("0.0015"),
                                               .average_price = std::nullopt,
                                               .venue_order_id = std::nullopt,
                                               .reason = std::nullopt,
                                               .updated_at = at_seconds(6)})
                    .ok());
  }

  std::vector<std::string> ids_of(const std::vector<OrderRow>& orders) const {
    std::vector<std::string> ids;
    for (const OrderRow& order : orders)
      ids.push_back(order.client_order_id.str());
    return ids;
  }

  std::vector<std::string> trades_of(const std::vector<FillWithOrder>& fills) const {
    std::vector<std::string> ids;
    for (const FillWithOrder& fill : fills)
      ids.push_back(fill.fill.trade_id.str());
    return ids;
  }

  std::vector<std::string> listed(OrderQuery query) {
    const auto orders = store_->list_orders(query);
    EXPECT_TRUE(orders.ok()) << orders.error().message();
    return orders.ok() ? ids_of(*orders) : std::vector<std::string>{};
  }

  core::UserId bob_;
  std::map<std::string, OrderRowId> orders_;
};

using Ids = std::vector<std::string>;

TEST_F(StoreOrderListings, AUsersOrdersComeNewestFirstUpToTheLimit) {
  EXPECT_EQ(listed(OrderQuery{.user = alice_}), (Ids{"x%1", "P1-3", "p12-1", "p1-2", "p1-1"}));
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .limit = 2}), (Ids{"x%1", "P1-3"}));
  EXPECT_EQ(listed(OrderQuery{.user = bob_}), (Ids{"p1-9"}));
}

TEST_F(StoreOrderListings, APrefixMatchesExactlyCaseIncludedAndOpenOnlyDropsFilledOrders) {
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .client_prefix = "p1-"}), (Ids{"p1-2", "p1-1"}));
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .client_prefix = "p1-", .open_only = true}),
            (Ids{"p1-2"}));
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .open_only = true}),
            (Ids{"x%1", "P1-3", "p12-1", "p1-2"}));
}

TEST_F(StoreOrderListings, PercentAndUnderscoreInAPrefixAreLiteralCharacters) {
  // As LIKE patterns "p1_" would match every p1-... and p12-1, and "%" everything.
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .client_prefix = "p1_"}), Ids{});
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .client_prefix = "%"}), Ids{});
  EXPECT_EQ(listed(OrderQuery{.user = alice_, .client_prefix = "x%"}), (Ids{"x%1"}));
}

TEST_F(StoreOrderListings, OrdersAreCountedByStatusWithTheListingsPrefixMatch) {
  using Counts = std::vector<std::pair<core::OrderStatus, std::int64_t>>;
  const auto counted = [&](core::UserId user, std::string_view prefix) {
    const auto counts = store_->count_orders_by_status(user, prefix);
    EXPECT_TRUE(counts.ok()) << counts.error().message();
    Counts out;
    if (!counts.ok()) return out;
    for (const OrderStatusCount& count : *counts)
      out.emplace_back(count.status, count.orders);
    return out;
  };
  // By status name: "filled" before "new".
  EXPECT_EQ(counted(alice_, "p1-"),
            (Counts{{core::OrderStatus::kFilled, 1}, {core::OrderStatus::kNew, 1}}));
  EXPECT_EQ(counted(alice_, ""),
            (Counts{{core::OrderStatus::kFilled, 1}, {core::OrderStatus::kNew, 4}}));
  EXPECT_EQ(counted(alice_, "p1_"), Counts{});
  EXPECT_EQ(counted(alice_, "x%"), (Counts{{core::OrderStatus::kNew, 1}}));
  EXPECT_EQ(counted(bob_, "p1-"), (Counts{{core::OrderStatus::kNew, 1}}));
}

TEST_F(StoreOrderListings, RecentFillsAreTheUsersNewestFirstWithTheirOrders) {
  ASSERT_TRUE(store_->insert_fill(fill_of(orders_["p1-1"], "t-1", at_seconds(7))).ok());
  ASSERT_TRUE(store_->insert_fill(fill_of(orders_["p1-9"], "t-2", at_seconds(7))).ok());
  ASSERT_TRUE(store_->insert_fill(fill_of(orders_["p12-1"], "t-3", at_seconds(8))).ok());
  ASSERT_TRUE(store_->insert_fill(fill_of(orders_["p1-1"], "t-4", at_seconds(9))).ok());

  const auto all = store_->recent_fills(alice_, "", 10);
  ASSERT_TRUE(all.ok()) << all.error().message();
  EXPECT_EQ(trades_of(*all), (Ids{"t-4", "t-3", "t-1"}));
  EXPECT_EQ(all->front().client_order_id, core::ClientOrderId("p1-1"));
  EXPECT_EQ(all->front().symbol.to_string(), "BTC/USDT");
  EXPECT_EQ(all->front().side, core::OrderSide::kBuy);
  EXPECT_EQ(all->front().fill.price.to_string(), "68123.50");
  EXPECT_EQ(all->front().fill.order_id, orders_["p1-1"]);

  EXPECT_EQ(trades_of(store_->recent_fills(alice_, "p1-", 10).value()), (Ids{"t-4", "t-1"}));
  EXPECT_EQ(trades_of(store_->recent_fills(alice_, "", 1).value()), (Ids{"t-4"}));
  EXPECT_EQ(trades_of(store_->recent_fills(alice_, "p1_", 10).value()), Ids{});
  const auto bobs = store_->recent_fills(bob_, "", 10);
  ASSERT_EQ(trades_of(bobs.value()), (Ids{"t-2"}));
  EXPECT_EQ(bobs->front().side, core::OrderSide::kSell);
}

}  // namespace
}  // namespace sigtrader::storage
