#include "signals/labeled_post.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include "core/decimal.hpp"
#include "core/file_text.hpp"
#include "signals/number_text.hpp"

namespace sigtrader::signals {
namespace {

namespace json = boost::json;

core::Error line_error(const std::string& source, int line, std::string_view what) {
  return core::Error(core::ErrorCode::kParse, fmt::format("{}:{}: {}", source, line, what));
}

// A price as the corpus writes it (a string, or a number for hand-made files), normalised.
core::Result<std::string> price_text(const json::value& value, std::string_view key) {
  std::string text;
  if (value.is_string()) {
    text = std::string(value.get_string());
  } else if (value.is_number()) {
    text = json::serialize(value);
  } else {
    return core::Error(core::ErrorCode::kParse, fmt::format("\"{}\" must hold prices", key));
  }
  auto decimal = core::Decimal::try_parse(text);
  if (!decimal.ok()) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("\"{}\": '{}' is not a decimal price", key, text));
  }
  return strip_trailing_zeros(*decimal).to_string();
}

core::Status read_string(const json::object& object, std::string_view key,
                         Expected<std::string>& out) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return {};
  out.known = true;
  if (value->is_null()) return {};
  if (!value->is_string()) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("\"{}\" must be a string or null", key));
  }
  out.value = std::string(value->get_string());
  return {};
}

core::Status read_price(const json::object& object, std::string_view key,
                        Expected<std::string>& out) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return {};
  out.known = true;
  if (value->is_null()) return {};
  SIGTRADER_TRY(out.value, price_text(*value, key));
  return {};
}

core::Status read_prices(const json::object& object, std::string_view key,
                         Expected<std::vector<std::string>>& out) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return {};
  out.known = true;
  out.value.emplace();
  if (value->is_null()) return {};
  if (!value->is_array()) {
    return core::Error(core::ErrorCode::kParse, fmt::format("\"{}\" must be a list", key));
  }
  for (const json::value& item : value->get_array()) {
    SIGTRADER_TRY(std::string price, price_text(item, key));
    out.value->push_back(std::move(price));
  }
  return {};
}

core::Status read_leverage(const json::object& object, Expected<int>& out) {
  const json::value* value = object.if_contains("leverage");
  if (value == nullptr) return {};
  out.known = true;
  if (value->is_null()) return {};
  if (!value->is_int64() || value->get_int64() < 1 || value->get_int64() > 1000) {
    return core::Error(core::ErrorCode::kParse,
                       "\"leverage\" must be a whole number from 1 to 1000 or null");
  }
  out.value = static_cast<int>(value->get_int64());
  return {};
}

core::Result<LabeledPost> read_post(const json::object& object) {
  LabeledPost post;
  const json::value* text = object.if_contains("text");
  if (text == nullptr || !text->is_string()) {
    return core::Error(core::ErrorCode::kParse, "\"text\" is missing or not a string");
  }
  post.text = std::string(text->get_string());
  const json::value* label = object.if_contains("label");
  if (label == nullptr || !label->is_string() || !is_signal_label(label->get_string())) {
    return core::Error(core::ErrorCode::kParse,
                       "\"label\" must be one of long, short, update, none");
  }
  post.label = std::string(label->get_string());
  if (const json::value* id = object.if_contains("id")) {
    post.id = id->is_string() ? std::string(id->get_string()) : json::serialize(*id);
  }
  if (const json::value* channel = object.if_contains("channel"); channel && channel->is_string()) {
    post.channel = std::string(channel->get_string());
  }
  SIGTRADER_RETURN_IF_ERROR(read_string(object, "symbol", post.symbol));
  SIGTRADER_RETURN_IF_ERROR(read_string(object, "side", post.side));
  SIGTRADER_RETURN_IF_ERROR(read_prices(object, "entries", post.entries));
  SIGTRADER_RETURN_IF_ERROR(read_prices(object, "targets", post.targets));
  SIGTRADER_RETURN_IF_ERROR(read_price(object, "stop_loss", post.stop_loss));
  SIGTRADER_RETURN_IF_ERROR(read_leverage(object, post.leverage));
  return post;
}

}  // namespace

core::Result<std::vector<LabeledPost>> read_labeled_posts(const std::filesystem::path& file) {
  auto text = core::read_whole_file(file);
  if (!text.ok()) {
    return core::Error(text.error().code(),
                       fmt::format("{}: {}", file.string(), text.error().message()));
  }
  return parse_labeled_posts(*text, file.string());
}

core::Result<std::vector<LabeledPost>> parse_labeled_posts(std::string_view text,
                                                           const std::string& source) {
  std::vector<LabeledPost> posts;
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    boost::system::error_code error;
    const json::value value = json::parse(line, error);
    if (error) return line_error(source, number, "not JSON: " + error.message());
    if (!value.is_object()) return line_error(source, number, "not a JSON object");
    auto post = read_post(value.get_object());
    if (!post.ok()) return line_error(source, number, post.error().message());
    posts.push_back(std::move(*post));
  }
  if (posts.empty()) {
    return core::Error(core::ErrorCode::kParse, fmt::format("{}: holds no labeled posts", source));
  }
  return posts;
}

}  // namespace sigtrader::signals
