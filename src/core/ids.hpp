#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "core/clock.hpp"

namespace sigtrader::core {

// An identifier that is text at the venue or in the database, typed so that a client order id
// cannot be passed where a venue order id is expected.
template <typename Tag>
class TextId {
 public:
  TextId() = default;
  explicit TextId(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  friend auto operator<=>(const TextId&, const TextId&) = default;

 private:
  std::string value_;
};

// A row id or counter, typed for the same reason.
template <typename Tag>
class NumericId {
 public:
  constexpr NumericId() = default;
  constexpr explicit NumericId(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  friend constexpr auto operator<=>(NumericId, NumericId) = default;

 private:
  std::int64_t value_ = 0;
};

struct ClientOrderIdTag {};
struct VenueOrderIdTag {};
struct TradeIdTag {};
struct StrategyIdTag {};
struct ChannelIdTag {};
struct TraceIdTag {};
struct UserIdTag {};
struct MessageIdTag {};

using ClientOrderId = TextId<ClientOrderIdTag>;  // ours, set before an order is sent
using VenueOrderId = TextId<VenueOrderIdTag>;    // the exchange's
using TradeId = TextId<TradeIdTag>;              // one fill at the exchange
using StrategyId = TextId<StrategyIdTag>;
using ChannelId = TextId<ChannelIdTag>;  // a signal source: "telegram:-1001234567890"
using TraceId = TextId<TraceIdTag>;      // follows one signal from post to fills
using UserId = NumericId<UserIdTag>;
using MessageId = NumericId<MessageIdTag>;  // a post's id within its channel

// Gives every order its client order id before it is sent, so a retry or a restart can ask the
// venue about it instead of placing it twice. Ids are "<prefix>-<start ms>-<sequence>": unique
// across restarts because the start instant differs, deterministic in a backtest because the
// clock is simulated, and within Binance's 36-character [A-Za-z0-9_-] limit for prefixes of up to
// 12 characters.
class ClientOrderIdGenerator {
 public:
  ClientOrderIdGenerator(std::string prefix, const Clock& clock);
  ClientOrderId next();

 private:
  std::string prefix_;
  std::int64_t start_ms_;
  std::uint64_t sequence_ = 0;
};

}  // namespace sigtrader::core

template <typename Tag>
struct std::hash<sigtrader::core::TextId<Tag>> {
  std::size_t operator()(const sigtrader::core::TextId<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
