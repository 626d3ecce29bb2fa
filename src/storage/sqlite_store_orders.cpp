// SqliteStore: orders and their fills.

#include <fmt/format.h>

#include "core/assert.hpp"
#include "storage/row_reader.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::storage {
namespace {

// Orders that can still fill; the others are terminal (core::is_terminal).
constexpr std::array kOpenStatuses{core::OrderStatus::kNew, core::OrderStatus::kAccepted,
                                   core::OrderStatus::kPartiallyFilled};

constexpr std::string_view kOrderColumns =
    "id, client_order_id, user_id, venue, symbol, side, type, time_in_force, status, quantity, "
    "price, trigger_price, filled_quantity, average_price, reduce_only, venue_order_id, signal_id, "
    "strategy_id, trace_id, reason, created_at, updated_at";

// Reads a row of kOrderColumns.
core::Result<OrderRow> read_order(const SqliteStatement& statement) {
  RowReader row(statement, "orders");
  OrderRow order{
      .id = row.get<OrderRowId>(0),
      .client_order_id = row.get<core::ClientOrderId>(1),
      .user_id = row.get<core::UserId>(2),
      .venue = row.get<std::string>(3),
      .symbol = row.get<core::Symbol>(4),
      .side = row.get<core::OrderSide>(5),
      .type = row.get<core::OrderType>(6),
      .time_in_force = row.get<core::TimeInForce>(7),
      .status = row.get<core::OrderStatus>(8),
      .quantity = row.get<core::Quantity>(9),
      .price = row.get_optional<core::Price>(10),
      .trigger_price = row.get_optional<core::Price>(11),
      .filled_quantity = row.get<core::Quantity>(12),
      .average_price = row.get_optional<core::Price>(13),
      .reduce_only = row.get<bool>(14),
      .venue_order_id = row.get_optional<core::VenueOrderId>(15),
      .signal_id = row.get_optional<SignalRowId>(16),
      .strategy_id = row.get_optional<core::StrategyId>(17),
      .trace_id = row.get_optional<core::TraceId>(18),
      .reason = row.get<std::string>(19),
      .created_at = row.get<core::Timestamp>(20),
      .updated_at = row.get<core::Timestamp>(21),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return order;
}

core::Result<FillRow> read_fill(const SqliteStatement& statement) {
  RowReader row(statement, "fills");
  FillRow fill{
      .id = row.get<FillRowId>(0),
      .order_id = row.get<OrderRowId>(1),
      .trade_id = row.get<core::TradeId>(2),
      .price = row.get<core::Price>(3),
      .quantity = row.get<core::Quantity>(4),
      .fee = row.get<core::Money>(5),
      .fee_asset = row.get<std::string>(6),
      .maker = row.get<bool>(7),
      .ts_event = row.get<core::Timestamp>(8),
      .ts_init = row.get<core::Timestamp>(9),
  };
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return fill;
}

// A status and how many orders have it.
core::Result<OrderStatusCount> read_status_count(const SqliteStatement& statement) {
  RowReader row(statement, "orders");
  OrderStatusCount count{.status = row.get<core::OrderStatus>(0),
                         .orders = row.get<std::int64_t>(1)};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return count;
}

// The fill columns, then the order's client_order_id, symbol and side.
core::Result<FillWithOrder> read_fill_with_order(const SqliteStatement& statement) {
  SIGTRADER_TRY(FillRow fill, read_fill(statement));
  RowReader row(statement, "orders");
  FillWithOrder out{.fill = std::move(fill),
                    .client_order_id = row.get<core::ClientOrderId>(10),
                    .symbol = row.get<core::Symbol>(11),
                    .side = row.get<core::OrderSide>(12)};
  SIGTRADER_RETURN_IF_ERROR(row.status());
  return out;
}

}  // namespace

core::Result<OrderRowId> SqliteStore::insert_order(const OrderRow& order) {
  if (order.client_order_id.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       "an order needs a client order id before it is stored");
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("INSERT INTO orders (client_order_id, user_id, venue, symbol, side, "
                            "type, time_in_force, status, quantity, price, trigger_price, "
                            "filled_quantity, average_price, reduce_only, venue_order_id, "
                            "signal_id, strategy_id, trace_id, reason, created_at, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                            "?15, ?16, ?17, ?18, ?19, ?20, ?21)"));
  statement->bind(1, order.client_order_id);
  statement->bind(2, order.user_id);
  statement->bind(3, order.venue);
  statement->bind(4, order.symbol);
  statement->bind(5, order.side);
  statement->bind(6, order.type);
  statement->bind(7, order.time_in_force);
  statement->bind(8, order.status);
  statement->bind(9, order.quantity);
  statement->bind(10, order.price);
  statement->bind(11, order.trigger_price);
  statement->bind(12, order.filled_quantity);
  statement->bind(13, order.average_price);
  statement->bind(14, order.reduce_only);
  statement->bind(15, order.venue_order_id);
  statement->bind(16, order.signal_id);
  statement->bind(17, order.strategy_id);
  statement->bind(18, order.trace_id);
  statement->bind(19, order.reason);
  statement->bind(20, order.created_at);
  statement->bind(21, order.updated_at);
  if (auto status = statement->run(); !status.ok()) {
    if (status.error().code() != core::ErrorCode::kAlreadyExists) {
      return status.error().with_context(
          fmt::format("storing order '{}'", order.client_order_id.str()));
    }
    // The only unique key an insert can hit is the client order id.
    const auto stored = find_order(order.client_order_id);
    return core::Error(
        core::ErrorCode::kAlreadyExists,
        fmt::format("order '{}' is already stored (orders row {}) in database "
                    "'{}'; it was not stored again",
                    order.client_order_id.str(), stored.ok() ? stored->id.value() : 0, path()));
  }
  return OrderRowId(db_->last_insert_rowid());
}

core::Status SqliteStore::update_order(const core::ClientOrderId& id, const OrderUpdate& update) {
  SIGTRADER_TRY(auto statement, db_->cached("UPDATE orders SET status = ?2, filled_quantity = ?3, "
                                            "average_price = coalesce(?4, average_price), "
                                            "venue_order_id = coalesce(?5, venue_order_id), "
                                            "reason = coalesce(?6, reason), updated_at = ?7 "
                                            "WHERE client_order_id = ?1"));
  statement->bind(1, id);
  statement->bind(2, update.status);
  statement->bind(3, update.filled_quantity);
  statement->bind(4, update.average_price);
  statement->bind(5, update.venue_order_id);
  statement->bind(6, update.reason);
  statement->bind(7, update.updated_at);
  if (auto status = statement->run(); !status.ok()) {
    return status.error().with_context(fmt::format("updating order '{}'", id.str()));
  }
  if (db_->changes() == 0) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no order '{}' in database '{}'", id.str(), path()));
  }
  return {};
}

core::Result<OrderRow> SqliteStore::find_order(const core::ClientOrderId& id) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached(fmt::format("SELECT {} FROM orders WHERE client_order_id = ?1", kOrderColumns)));
  statement->bind(1, id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    return core::Error(core::ErrorCode::kNotFound,
                       fmt::format("no order '{}' in database '{}'", id.str(), path()));
  }
  return read_order(*statement);
}

core::Result<std::vector<OrderRow>> SqliteStore::list_open_orders(
    std::optional<core::UserId> user) {
  // Two statements rather than "(?4 IS NULL OR user_id = ?4)", so that the per-user query can
  // use the (user_id, status) index.
  SIGTRADER_TRY(auto statement,
                db_->cached(user ? fmt::format("SELECT {} FROM orders "
                                               "WHERE user_id = ?4 AND status IN (?1, ?2, ?3) "
                                               "ORDER BY created_at, id",
                                               kOrderColumns)
                                 : fmt::format("SELECT {} FROM orders WHERE status IN (?1, ?2, ?3) "
                                               "ORDER BY created_at, id",
                                               kOrderColumns)));
  for (std::size_t i = 0; i < kOpenStatuses.size(); ++i) {
    statement->bind(static_cast<int>(i) + 1, kOpenStatuses[i]);
  }
  if (user) statement->bind(4, *user);
  return read_all<OrderRow>(*statement, read_order);
}

core::Result<Inserted<FillRowId>> SqliteStore::insert_fill(const FillRow& fill) {
  if (fill.trade_id.empty()) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("a fill of order row {} has no trade id", fill.order_id.value()));
  }
  {
    SIGTRADER_TRY(auto statement,
                  db_->cached("INSERT INTO fills (order_id, trade_id, price, quantity, fee, "
                              "fee_asset, maker, ts_event, ts_init) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                              "ON CONFLICT (order_id, trade_id) DO NOTHING"));
    statement->bind(1, fill.order_id);
    statement->bind(2, fill.trade_id);
    statement->bind(3, fill.price);
    statement->bind(4, fill.quantity);
    statement->bind(5, fill.fee);
    statement->bind(6, fill.fee_asset);
    statement->bind(7, fill.maker);
    statement->bind(8, fill.ts_event);
    statement->bind(9, fill.ts_init);
    if (auto status = statement->run(); !status.ok()) {
      return status.error().with_context(fmt::format("storing fill '{}' of order row {}",
                                                     fill.trade_id.str(), fill.order_id.value()));
    }
    if (db_->changes() == 1) {
      return Inserted<FillRowId>{.id = FillRowId(db_->last_insert_rowid()), .is_new = true};
    }
  }
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id FROM fills WHERE order_id = ?1 AND trade_id = ?2"));
  statement->bind(1, fill.order_id);
  statement->bind(2, fill.trade_id);
  SIGTRADER_TRY(const bool found, statement->step());
  if (!found) {
    // Only another process deleting the row between the two statements gets here.
    return core::Error(
        core::ErrorCode::kStorage,
        fmt::format("storing fill '{}': the stored duplicate vanished", fill.trade_id.str()));
  }
  return Inserted<FillRowId>{.id = FillRowId(statement->column_int64(0)), .is_new = false};
}

core::Result<std::vector<FillRow>> SqliteStore::list_fills(OrderRowId order) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT id, order_id, trade_id, price, quantity, fee, fee_asset, "
                            "maker, ts_event, ts_init FROM fills WHERE order_id = ?1 "
                            "ORDER BY ts_event, id"));
  statement->bind(1, order);
  return read_all<FillRow>(*statement, read_fill);
}

core::Result<std::vector<OrderRow>> SqliteStore::orders_with_client_prefix(
    std::string_view prefix) {
  if (prefix.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument, "an order id prefix must not be empty");
  }
  // A range on the unique index: ids starting with the prefix sort from it up to (not including)
  // the prefix with its last byte raised by one.
  std::string end(prefix);
  SIGTRADER_ASSERT(static_cast<unsigned char>(end.back()) < 0x7f, "an ASCII id prefix");
  end.back() = static_cast<char>(end.back() + 1);
  SIGTRADER_TRY(auto statement,
                db_->cached(fmt::format("SELECT {} FROM orders WHERE client_order_id >= ?1 AND "
                                        "client_order_id < ?2 ORDER BY id",
                                        kOrderColumns)));
  statement->bind(1, prefix);
  statement->bind(2, end);
  return read_all<OrderRow>(*statement, read_order);
}

// Client order id prefixes are matched exactly with substr() rather than LIKE: LIKE ignores ASCII
// case ("P1-" would find "p1-7") and treats '%' and '_' in the prefix as wildcards.

core::Result<std::vector<OrderRow>> SqliteStore::list_orders(const OrderQuery& query) {
  SIGTRADER_TRY(
      auto statement,
      db_->cached(fmt::format("SELECT {} FROM orders WHERE user_id = ?1 "
                              "AND (?2 IS NULL OR substr(client_order_id, 1, length(?2)) = ?2) "
                              "AND (?3 = 0 OR status IN (?4, ?5, ?6)) ORDER BY id DESC LIMIT ?7",
                              kOrderColumns)));
  statement->bind(1, query.user);
  statement->bind(2, query.client_prefix);
  statement->bind(3, query.open_only);
  for (std::size_t i = 0; i < kOpenStatuses.size(); ++i) {
    statement->bind(static_cast<int>(i) + 4, kOpenStatuses[i]);
  }
  statement->bind_count(7, query.limit);
  return read_all<OrderRow>(*statement, read_order);
}

core::Result<std::vector<OrderStatusCount>> SqliteStore::count_orders_by_status(
    core::UserId user, std::string_view prefix) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT status, count(*) FROM orders WHERE user_id = ?1 "
                            "AND substr(client_order_id, 1, length(?2)) = ?2 "
                            "GROUP BY status ORDER BY status"));
  statement->bind(1, user);
  statement->bind(2, prefix);
  return read_all<OrderStatusCount>(*statement, read_status_count);
}

core::Result<std::vector<FillWithOrder>> SqliteStore::recent_fills(core::UserId user,
                                                                   std::string_view prefix,
                                                                   std::size_t limit) {
  SIGTRADER_TRY(auto statement,
                db_->cached("SELECT f.id, f.order_id, f.trade_id, f.price, f.quantity, f.fee, "
                            "f.fee_asset, f.maker, f.ts_event, f.ts_init, o.client_order_id, "
                            "o.symbol, o.side FROM fills f JOIN orders o ON o.id = f.order_id "
                            "WHERE o.user_id = ?1 "
                            "AND substr(o.client_order_id, 1, length(?2)) = ?2 "
                            "ORDER BY f.id DESC LIMIT ?3"));
  statement->bind(1, user);
  statement->bind(2, prefix);
  statement->bind_count(3, limit);
  return read_all<FillWithOrder>(*statement, read_fill_with_order);
}

}  // namespace sigtrader::storage
