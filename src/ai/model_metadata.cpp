#include "ai/model_metadata.hpp"

#include <algorithm>
#include <cstdint>

#include <fmt/format.h>

namespace sigtrader::ai {
namespace {

core::Error bad_metadata(const std::string& source, std::string_view what) {
  return core::Error(core::ErrorCode::kParse, fmt::format("{}: {}", source, what));
}

core::Result<std::string> string_at(const boost::json::object& json, std::string_view key,
                                    const std::string& source) {
  const boost::json::value* value = json.if_contains(key);
  if (value == nullptr) return bad_metadata(source, fmt::format("missing key \"{}\"", key));
  if (!value->is_string()) {
    return bad_metadata(source, fmt::format("key \"{}\" must be a string", key));
  }
  return std::string(value->get_string());
}

core::Result<boost::json::object> object_at(const boost::json::object& json, std::string_view key,
                                            const std::string& source) {
  const boost::json::value* value = json.if_contains(key);
  if (value == nullptr) return bad_metadata(source, fmt::format("missing key \"{}\"", key));
  if (!value->is_object()) {
    return bad_metadata(source, fmt::format("key \"{}\" must be an object", key));
  }
  return value->get_object();
}

}  // namespace

bool is_valid_model_key(std::string_view text) {
  return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::uint64_t parse_model_version(std::string_view text) {
  // At most 18 digits: always fits, and no registry gets near it.
  if (text.size() < 2 || text.size() > 19 || text[0] != 'v' || text[1] == '0') return 0;
  std::uint64_t number = 0;
  for (const char c : text.substr(1)) {
    if (c < '0' || c > '9') return 0;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return number;
}

boost::json::object to_json(const ModelMetadata& metadata) {
  boost::json::object json;
  json["kind"] = metadata.kind;
  json["name"] = metadata.name;
  json["version"] = metadata.version;
  json["created_at"] = metadata.created_at.to_iso8601();
  json["artefact"] = metadata.artefact;
  json["data_hash"] = metadata.data_hash;
  json["params"] = metadata.params;
  json["metrics"] = metadata.metrics;
  json["feature_schema"] = metadata.feature_schema;
  json["extra"] = metadata.extra;
  return json;
}

core::Result<ModelMetadata> metadata_from_json(const boost::json::value& json,
                                               const std::string& source) {
  if (!json.is_object()) return bad_metadata(source, "expected a JSON object");
  const boost::json::object& object = json.get_object();
  ModelMetadata metadata;
  SIGTRADER_TRY(metadata.kind, string_at(object, "kind", source));
  SIGTRADER_TRY(metadata.name, string_at(object, "name", source));
  SIGTRADER_TRY(metadata.version, string_at(object, "version", source));
  SIGTRADER_TRY(const std::string created_at, string_at(object, "created_at", source));
  SIGTRADER_TRY(metadata.artefact, string_at(object, "artefact", source));
  SIGTRADER_TRY(metadata.data_hash, string_at(object, "data_hash", source));
  SIGTRADER_TRY(metadata.params, object_at(object, "params", source));
  SIGTRADER_TRY(metadata.metrics, object_at(object, "metrics", source));
  SIGTRADER_TRY(metadata.feature_schema, object_at(object, "feature_schema", source));
  SIGTRADER_TRY(metadata.extra, object_at(object, "extra", source));
  if (!is_valid_model_key(metadata.kind) || !is_valid_model_key(metadata.name)) {
    return bad_metadata(source, "\"kind\" and \"name\" must be letters, digits, '-' or '_'");
  }
  if (parse_model_version(metadata.version) == 0) {
    return bad_metadata(
        source, fmt::format("\"version\" must be v1, v2, ..., got \"{}\"", metadata.version));
  }
  if (metadata.artefact.find_first_of("/\\") != std::string::npos || metadata.artefact == "." ||
      metadata.artefact == "..") {
    return bad_metadata(source, fmt::format("\"artefact\" must be a file name inside the version "
                                            "directory, got \"{}\"",
                                            metadata.artefact));
  }
  const auto time = core::Timestamp::try_parse_iso8601(created_at);
  if (!time) {
    return bad_metadata(source, fmt::format("\"created_at\": {}", time.error().message()));
  }
  metadata.created_at = *time;
  return metadata;
}

}  // namespace sigtrader::ai
