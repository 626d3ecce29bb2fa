#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::ai {

// What the model registry knows about one trained model: the metadata.json beside its artefact
// in models/{kind}/{name}/{version}/ (DESIGN.md section 6).
struct ModelMetadata {
  std::string kind;     // e.g. "classifier"
  std::string name;     // e.g. "signals"
  std::string version;  // "v1", "v2", ...
  core::Timestamp created_at;
  std::string artefact;   // the model file inside the version directory, e.g. "model.ftz"
  std::string data_hash;  // "sha256:<hex>" of the training data
  boost::json::object params;
  boost::json::object metrics;
  boost::json::object feature_schema;
  boost::json::object extra;

  friend bool operator==(const ModelMetadata&, const ModelMetadata&) = default;
};

// A registry kind or name: 1 to 64 ASCII letters, digits, '-' or '_', so that it is one
// directory name that cannot climb out of the registry ("..", "/").
bool is_valid_model_key(std::string_view text);
// "v" and a version number from 1, without leading zeros: "v1", "v10". 0 when it is not one.
std::uint64_t parse_model_version(std::string_view text);

// The metadata as JSON, keys in the order of the struct; created_at as ISO-8601 UTC.
boost::json::object to_json(const ModelMetadata& metadata);
// Reads what to_json() wrote. Every key is required; a missing or mistyped key, an invalid kind,
// name or version, an artefact that is not a plain file name, or a bad time is kParse naming
// `source` and the key.
core::Result<ModelMetadata> metadata_from_json(const boost::json::value& json,
                                               const std::string& source);

}  // namespace sigtrader::ai
