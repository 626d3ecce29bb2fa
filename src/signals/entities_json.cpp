#include "signals/entities_json.hpp"

#include <charconv>
#include <cstdint>
#include <system_error>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

namespace sigtrader::signals {
namespace {

constexpr std::string_view kCyrillicX = "\xd1\x85";  // х, lowered

EntityValue price_entity(const PriceField& field) {
  return EntityValue{.value = field.value.to_string(), .span = field.span};
}

boost::json::value span_json(const std::optional<TextSpan>& span) {
  if (!span) return nullptr;
  return boost::json::array{span->begin, span->end};
}

boost::json::value entity_json(const std::optional<EntityValue>& entity) {
  if (!entity) return nullptr;
  boost::json::object out{{"value", entity->value}};
  if (entity->span) out["span"] = span_json(entity->span);
  return out;
}

boost::json::array entity_list_json(const std::vector<EntityValue>& entities) {
  boost::json::array out;
  for (const EntityValue& entity : entities)
    out.push_back(entity_json(entity));
  return out;
}

core::Error bad(std::string_view key, std::string_view expected) {
  return core::Error(core::ErrorCode::kParse,
                     fmt::format("entities: \"{}\" must be {}", key, expected));
}

core::Result<std::optional<EntityValue>> read_entity(const boost::json::value* value,
                                                     std::string_view key) {
  if (value == nullptr || value->is_null()) return std::optional<EntityValue>();
  const auto* object = value->if_object();
  if (object == nullptr) return bad(key, "an object {\"value\", \"span\"} or null");
  EntityValue entity;
  const boost::json::value* text = object->if_contains("value");
  if (text != nullptr && text->is_string()) {
    entity.value = std::string(text->get_string());
  } else if (text != nullptr && text->is_int64()) {
    entity.value = std::to_string(text->get_int64());
  } else {
    return bad(key, "an object whose \"value\" is a string or an integer");
  }
  if (const boost::json::value* span = object->if_contains("span");
      span != nullptr && !span->is_null()) {
    const auto* pair = span->if_array();
    if (pair == nullptr || pair->size() != 2 || !pair->at(0).is_int64() ||
        !pair->at(1).is_int64() || pair->at(0).get_int64() < 0 ||
        pair->at(1).get_int64() < pair->at(0).get_int64()) {
      return bad(key, "an object whose \"span\" is [begin, end] with 0 <= begin <= end");
    }
    entity.span = TextSpan{static_cast<std::size_t>(pair->at(0).get_int64()),
                           static_cast<std::size_t>(pair->at(1).get_int64())};
  }
  return std::optional<EntityValue>(std::move(entity));
}

core::Result<std::vector<EntityValue>> read_entity_list(const boost::json::value* value,
                                                        std::string_view key) {
  std::vector<EntityValue> entities;
  if (value == nullptr || value->is_null()) return entities;
  const auto* array = value->if_array();
  if (array == nullptr) return bad(key, "an array of {\"value\", \"span\"} objects");
  for (const boost::json::value& item : *array) {
    SIGTRADER_TRY(std::optional<EntityValue> entity, read_entity(&item, key));
    if (!entity) return bad(key, "an array of {\"value\", \"span\"} objects, without nulls");
    entities.push_back(std::move(*entity));
  }
  return entities;
}

}  // namespace

std::optional<TextSpan> find_leverage_span(std::string_view text, int value) {
  const std::string lower = lower_post_text(text);
  for (std::size_t i = 0; i < lower.size(); ++i) {
    if (!is_digit(lower[i]) || (i > 0 && is_digit(lower[i - 1]))) continue;
    std::size_t end = i;
    int number = 0;
    while (end < lower.size() && is_digit(lower[end]) && number < 1000)
      number = number * 10 + (lower[end++] - '0');
    if (number != value || (end < lower.size() && is_digit(lower[end]))) continue;
    if (end < lower.size() && lower[end] == 'x') return TextSpan{i, end + 1};
    if (starts_with_at(lower, end, kCyrillicX)) return TextSpan{i, end + kCyrillicX.size()};
    // "x10" but not the x ending a word ("max10"), as the parser reads it.
    if (i > 0 && lower[i - 1] == 'x' && !(i > 1 && is_ascii_letter(lower[i - 2]))) {
      return TextSpan{i - 1, end};
    }
    if (i > 1 && starts_with_at(lower, i - 2, kCyrillicX)) return TextSpan{i - 2, end};
  }
  return std::nullopt;
}

LabelEntities entities_from_parsed(std::string_view text, const ParsedSignal& parsed) {
  LabelEntities entities;
  if (parsed.symbol) {
    entities.symbol = EntityValue{.value = parsed.symbol->to_string(), .span = parsed.symbol_span};
  }
  if (parsed.side) {
    entities.side =
        EntityValue{.value = std::string(core::to_string(*parsed.side)), .span = parsed.side_span};
  }
  for (const PriceField& entry : parsed.entries)
    entities.entries.push_back(price_entity(entry));
  for (const PriceField& target : parsed.targets)
    entities.targets.push_back(price_entity(target));
  if (parsed.stop_loss) entities.stop_loss = price_entity(*parsed.stop_loss);
  if (parsed.leverage) {
    entities.leverage = EntityValue{.value = std::to_string(*parsed.leverage),
                                    .span = find_leverage_span(text, *parsed.leverage)};
  }
  return entities;
}

std::string entities_to_json(const LabelEntities& entities) {
  boost::json::value leverage = entity_json(entities.leverage);
  if (entities.leverage) {
    // A number, as in the signal's own leverage field.
    const std::string& text = entities.leverage->value;
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) {
      leverage.as_object()["value"] = number;
    }
  }
  const boost::json::object out{
      {"symbol", entity_json(entities.symbol)},
      {"side", entity_json(entities.side)},
      {"entries", entity_list_json(entities.entries)},
      {"targets", entity_list_json(entities.targets)},
      {"stop_loss", entity_json(entities.stop_loss)},
      {"leverage", std::move(leverage)},
  };
  return boost::json::serialize(out);
}

core::Result<LabelEntities> entities_from_json(std::string_view json) {
  boost::json::error_code ec;
  const boost::json::value parsed = boost::json::parse(json, ec);
  if (ec || !parsed.is_object()) {
    return core::Error(core::ErrorCode::kParse, "entities: not a JSON object");
  }
  const boost::json::object& object = parsed.get_object();
  LabelEntities entities;
  SIGTRADER_TRY(entities.symbol, read_entity(object.if_contains("symbol"), "symbol"));
  SIGTRADER_TRY(entities.side, read_entity(object.if_contains("side"), "side"));
  SIGTRADER_TRY(entities.entries, read_entity_list(object.if_contains("entries"), "entries"));
  SIGTRADER_TRY(entities.targets, read_entity_list(object.if_contains("targets"), "targets"));
  SIGTRADER_TRY(entities.stop_loss, read_entity(object.if_contains("stop_loss"), "stop_loss"));
  SIGTRADER_TRY(entities.leverage, read_entity(object.if_contains("leverage"), "leverage"));
  return entities;
}

}  // namespace sigtrader::signals
