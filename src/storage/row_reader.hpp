#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/ids.hpp"
#include "core/instrument.hpp"
#include "core/money.hpp"
#include "core/order_types.hpp"
#include "core/result.hpp"
#include "core/side.hpp"
#include "core/time.hpp"
#include "storage/price_list.hpp"
#include "storage/sqlite_statement.hpp"

namespace sigtrader::storage {

template <typename T>
struct IsFixedPoint : std::false_type {};
template <typename Tag>
struct IsFixedPoint<core::FixedPoint<Tag>> : std::true_type {};
template <typename T>
struct IsTextId : std::false_type {};
template <typename Tag>
struct IsTextId<core::TextId<Tag>> : std::true_type {};
template <typename T>
struct IsNumericId : std::false_type {};
template <typename Tag>
struct IsNumericId<core::NumericId<Tag>> : std::true_type {};
template <typename T>
inline constexpr bool kAlwaysFalse = false;

// Reads typed values from the current row of a statement, the reverse of SqliteStatement::bind.
// A stored value that does not decode (a decimal column holding "abc", an unknown order status)
// yields a default value and is remembered, so a whole row is read before status() is checked
// once; the error names the table, the column and the value.
class RowReader {
 public:
  RowReader(const SqliteStatement& statement, std::string_view table)
      : statement_(statement), table_(table) {}

  bool is_null(int column) const { return statement_.column_is_null(column); }

  template <typename T>
  T get(int column) {
    if constexpr (std::is_same_v<T, std::int64_t>) {
      return statement_.column_int64(column);
    } else if constexpr (std::is_same_v<T, int>) {
      return static_cast<int>(statement_.column_int64(column));
    } else if constexpr (std::is_same_v<T, bool>) {
      return statement_.column_int64(column) != 0;
    } else if constexpr (std::is_same_v<T, double>) {
      return statement_.column_double(column);
    } else if constexpr (std::is_same_v<T, std::string>) {
      return statement_.column_text(column);
    } else if constexpr (std::is_same_v<T, core::Timestamp>) {
      return core::Timestamp::from_ns(statement_.column_int64(column));
    } else if constexpr (std::is_same_v<T, core::Duration>) {
      return core::Duration::nanoseconds(statement_.column_int64(column));
    } else if constexpr (IsTextId<T>::value) {
      return T(statement_.column_text(column));
    } else if constexpr (IsNumericId<T>::value) {
      return T(statement_.column_int64(column));
    } else if constexpr (IsFixedPoint<T>::value) {
      return decode<T>(column, "a decimal", [](std::string_view text) {
        auto parsed = T::try_parse(text);
        return parsed ? std::optional<T>(*parsed) : std::nullopt;
      });
    } else if constexpr (std::is_same_v<T, std::vector<core::Price>>) {
      return decode<T>(column, "a JSON array of decimal strings", [](std::string_view text) {
        auto parsed = decode_price_list(text);
        return parsed ? std::optional<T>(std::move(*parsed)) : std::nullopt;
      });
    } else if constexpr (std::is_same_v<T, core::Symbol>) {
      return decode<T>(column, "a symbol BASE/QUOTE", [](std::string_view text) {
        auto parsed = core::Symbol::try_parse(text);
        return parsed ? std::optional<T>(*parsed) : std::nullopt;
      });
    } else if constexpr (std::is_same_v<T, core::OrderSide>) {
      return decode<T>(column, "buy or sell", core::parse_order_side);
    } else if constexpr (std::is_same_v<T, core::PositionSide>) {
      return decode<T>(column, "long or short", core::parse_position_side);
    } else if constexpr (std::is_same_v<T, core::OrderType>) {
      return decode<T>(column, "an order type", core::parse_order_type);
    } else if constexpr (std::is_same_v<T, core::OrderStatus>) {
      return decode<T>(column, "an order status", core::parse_order_status);
    } else if constexpr (std::is_same_v<T, core::TimeInForce>) {
      return decode<T>(column, "a time in force", core::parse_time_in_force);
    } else {
      static_assert(kAlwaysFalse<T>, "RowReader cannot read this type");
    }
  }

  // std::nullopt for a NULL column, else get<T>().
  template <typename T>
  std::optional<T> get_optional(int column) {
    if (is_null(column)) return std::nullopt;
    return get<T>(column);
  }

  // The first value that did not decode, or ok.
  const core::Status& status() const { return status_; }

 private:
  template <typename T, typename Parse>
  T decode(int column, std::string_view expected, Parse parse) {
    const std::string text = statement_.column_text(column);
    std::optional<T> value = parse(text);
    if (value) return std::move(*value);
    fail(column, text, expected);
    return T{};
  }

  void fail(int column, std::string_view value, std::string_view expected);

  const SqliteStatement& statement_;
  std::string_view table_;
  core::Status status_;
};

// Reads every row `statement` still returns with `read` (a function of the statement at a row,
// returning core::Result<Row>), in order; a step or a row that fails ends it with that error.
template <typename Row, typename Read>
core::Result<std::vector<Row>> read_all(SqliteStatement& statement, Read read) {
  std::vector<Row> rows;
  for (;;) {
    SIGTRADER_TRY(const bool has_row, statement.step());
    if (!has_row) return rows;
    SIGTRADER_TRY(Row row, read(statement));
    rows.push_back(std::move(row));
  }
}

}  // namespace sigtrader::storage
