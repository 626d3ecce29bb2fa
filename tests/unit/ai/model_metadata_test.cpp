#include "ai/model_metadata.hpp"

#include <gtest/gtest.h>

namespace sigtrader::ai {
namespace {

TEST(ModelMetadata, VersionsAreAVAndANumberFromOne) {
  EXPECT_EQ(parse_model_version("v1"), 1u);
  EXPECT_EQ(parse_model_version("v10"), 10u);
  EXPECT_EQ(parse_model_version("v0"), 0u);
  EXPECT_EQ(parse_model_version("v07"), 0u);
  EXPECT_EQ(parse_model_version("v"), 0u);
  EXPECT_EQ(parse_model_version("V1"), 0u);
  EXPECT_EQ(parse_model_version("v1a"), 0u);
}

TEST(ModelMetadata, KindsAndNamesAreOneSafeDirectoryName) {
  EXPECT_TRUE(is_valid_model_key("classifier"));
  EXPECT_TRUE(is_valid_model_key("signals-v2_ru"));
  EXPECT_FALSE(is_valid_model_key(""));
  EXPECT_FALSE(is_valid_model_key(".."));
  EXPECT_FALSE(is_valid_model_key("a/b"));
  EXPECT_FALSE(is_valid_model_key(std::string(65, 'a')));
}

TEST(ModelMetadata, AMistypedKeyIsAnErrorNamingIt) {
  boost::json::object json = to_json(ModelMetadata{.kind = "classifier",
                                                   .name = "signals",
                                                   .version = "v1",
                                                   .created_at = {},
                                                   .artefact = "model.ftz",
                                                   .data_hash = "sha256:00",
                                                   .params = {},
                                                   .metrics = {},
                                                   .feature_schema = {},
                                                   .extra = {}});
  ASSERT_TRUE(metadata_from_json(json, "m.json").ok());
  json["metrics"] = "good";
  auto read = metadata_from_json(json, "m.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message(), "m.json: key \"metrics\" must be an object");
}

}  // namespace
}  // namespace sigtrader::ai
