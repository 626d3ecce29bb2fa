#include "ai/model_registry.hpp"

#include <fstream>

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

#include "core/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sigtrader::ai {
namespace {

using testing::TempDir;

const core::Timestamp kNow = core::Timestamp::from_seconds(1'717'243'200);  // 2024-06-01T12:00Z

// Creates a version and finishes it with metadata naming `artefact`.
ModelMetadata finish_version(const ModelRegistry& registry, std::string_view kind,
                             std::string_view name, const std::string& artefact) {
  auto created = registry.create_version(kind, name, kNow);
  EXPECT_TRUE(created.ok()) << created.error().message();
  created->metadata.artefact = artefact;
  created->metadata.data_hash = "sha256:" + sha256_hex(artefact);
  EXPECT_TRUE(registry.write_metadata(created->dir, created->metadata).ok());
  return created->metadata;
}

TEST(ModelRegistry, CreatesVersionsOneAfterAnother) {
  TempDir dir;
  const ModelRegistry registry(dir.path() / "models");
  auto first = registry.create_version("classifier", "signals", kNow);
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(first->metadata.version, "v1");
  EXPECT_EQ(first->dir, dir.path() / "models" / "classifier" / "signals" / "v1");
  EXPECT_TRUE(std::filesystem::is_directory(first->dir));
  EXPECT_EQ(first->metadata.created_at, kNow);
  auto second = registry.create_version("classifier", "signals", kNow);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->metadata.version, "v2");
}

TEST(ModelRegistry, LatestIsTheHighestFinishedVersion) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  finish_version(registry, "classifier", "signals", "one.ftz");
  finish_version(registry, "classifier", "signals", "two.ftz");
  auto latest = registry.latest("classifier", "signals");
  ASSERT_TRUE(latest.ok()) << latest.error().message();
  EXPECT_EQ(latest->version, "v2");
  EXPECT_EQ(latest->artefact, "two.ftz");
  EXPECT_EQ(registry.version_dir(*latest), dir.path() / "classifier" / "signals" / "v2");
}

TEST(ModelRegistry, ComparesVersionsAsNumbers) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  for (int i = 1; i <= 10; ++i)
    finish_version(registry, "classifier", "signals", "model.ftz");
  auto versions = registry.versions("classifier", "signals");
  ASSERT_TRUE(versions.ok()) << versions.error().message();
  ASSERT_EQ(versions->size(), 10u);
  EXPECT_EQ((*versions)[8].version, "v9");
  EXPECT_EQ((*versions)[9].version, "v10");
  EXPECT_EQ(registry.latest("classifier", "signals")->version, "v10");
  auto next = registry.create_version("classifier", "signals", kNow);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->metadata.version, "v11");
}

TEST(ModelRegistry, SkipsAVersionWhoseTrainingDidNotFinish) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  finish_version(registry, "classifier", "signals", "model.ftz");
  ASSERT_TRUE(registry.create_version("classifier", "signals", kNow).ok());  // v2, no metadata
  auto versions = registry.versions("classifier", "signals");
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1u);
  EXPECT_EQ(registry.latest("classifier", "signals")->version, "v1");
  // The unfinished v2 keeps its number.
  EXPECT_EQ(registry.create_version("classifier", "signals", kNow)->metadata.version, "v3");
}

TEST(ModelRegistry, IgnoresDirectoriesThatAreNotVersions) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  std::filesystem::create_directories(dir.path() / "classifier" / "signals" / "scratch");
  std::filesystem::create_directories(dir.path() / "classifier" / "signals" / "v07");
  EXPECT_EQ(registry.create_version("classifier", "signals", kNow)->metadata.version, "v1");
}

TEST(ModelRegistry, NoVersionsIsNotFound) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  auto versions = registry.versions("classifier", "absent");
  ASSERT_TRUE(versions.ok());
  EXPECT_TRUE(versions->empty());
  auto latest = registry.latest("classifier", "absent");
  ASSERT_FALSE(latest.ok());
  EXPECT_EQ(latest.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(latest.error().message().find("classifier/absent"), std::string::npos);
}

TEST(ModelRegistry, RefusesNamesThatCouldLeaveTheRoot) {
  TempDir dir;
  const ModelRegistry registry(dir.path() / "models");
  for (const auto* name : {"..", "../x", "a/b", "", "with space", "dot.ted"}) {
    auto created = registry.create_version("classifier", name, kNow);
    ASSERT_FALSE(created.ok()) << name;
    EXPECT_EQ(created.error().code(), core::ErrorCode::kInvalidArgument);
    EXPECT_FALSE(registry.versions(name, "signals").ok()) << name;
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "x"));
}

TEST(ModelRegistry, MetadataRoundTrips) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  auto created = registry.create_version("classifier", "signals", kNow);
  ASSERT_TRUE(created.ok());
  ModelMetadata metadata = created->metadata;
  metadata.artefact = "model.ftz";
  metadata.data_hash = "sha256:" + sha256_hex("abc");
  metadata.params = {{"dim", 32}, {"learning_rate", 0.5}};
  metadata.metrics = {{"accuracy", 0.9375}, {"ece", 0.03}, {"temperature", 1.0}};
  metadata.feature_schema = {{"input", "normalised post text"},
                             {"labels", boost::json::array{"long", "none", "short"}}};
  metadata.extra = {{"examples", 1200}};
  ASSERT_TRUE(registry.write_metadata(created->dir, metadata).ok());
  EXPECT_FALSE(std::filesystem::exists(created->dir / "metadata.json.partial"));
  auto read = registry.read_metadata(created->dir);
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_EQ(*read, metadata);
}

TEST(ModelRegistry, WritesMetadataKeysInAFixedOrderOnePerLine) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  const ModelMetadata metadata = finish_version(registry, "classifier", "signals", "model.ftz");
  const auto text = core::read_whole_file(dir.path() / "classifier/signals/v1/metadata.json");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "{\n"
            "  \"kind\": \"classifier\",\n"
            "  \"name\": \"signals\",\n"
            "  \"version\": \"v1\",\n"
            "  \"created_at\": \"2024-06-01T12:00:00Z\",\n"
            "  \"artefact\": \"model.ftz\",\n"
            "  \"data_hash\": \"" +
                metadata.data_hash +
                "\",\n"
                "  \"params\": {},\n"
                "  \"metrics\": {},\n"
                "  \"feature_schema\": {},\n"
                "  \"extra\": {}\n"
                "}\n");
}

TEST(ModelRegistry, CorruptMetadataIsAnErrorNamingTheFile) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  finish_version(registry, "classifier", "signals", "model.ftz");
  const auto file = dir.path() / "classifier" / "signals" / "v1" / "metadata.json";
  std::ofstream(file, std::ios::trunc) << "{\"kind\": \"classifier\", ";
  auto versions = registry.versions("classifier", "signals");
  ASSERT_FALSE(versions.ok());
  EXPECT_EQ(versions.error().code(), core::ErrorCode::kParse);
  EXPECT_NE(versions.error().message().find(file.string() + ": not valid JSON"), std::string::npos)
      << versions.error().message();
}

TEST(ModelRegistry, AMissingKeyIsAnErrorNamingTheFileAndKey) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  finish_version(registry, "classifier", "signals", "model.ftz");
  const auto version_dir = dir.path() / "classifier" / "signals" / "v1";
  auto json = boost::json::parse(*core::read_whole_file(version_dir / "metadata.json"));
  json.as_object().erase("data_hash");
  std::ofstream(version_dir / "metadata.json", std::ios::trunc) << json;
  auto read = registry.read_metadata(version_dir);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message(),
            (version_dir / "metadata.json").string() + ": missing key \"data_hash\"");
}

TEST(ModelRegistry, AMissingMetadataFileIsNotFound) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  auto read = registry.read_metadata(dir.path() / "nowhere");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(read.error().message().find("nowhere/metadata.json"), std::string::npos);
}

TEST(ModelRegistry, MetadataThatEscapesItsDirectoryIsRefused) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  auto created = registry.create_version("classifier", "signals", kNow);
  ASSERT_TRUE(created.ok());
  ModelMetadata metadata = created->metadata;
  metadata.artefact = "../../../etc/passwd";
  auto written = registry.write_metadata(created->dir, metadata);
  ASSERT_FALSE(written.ok());
  EXPECT_NE(written.error().message().find("artefact"), std::string::npos);
  metadata.artefact = "model.ftz";
  metadata.version = "v5";
  EXPECT_FALSE(registry.write_metadata(created->dir, metadata).ok());
}

TEST(ModelRegistry, MetadataCopiedIntoAnotherVersionIsAnError) {
  TempDir dir;
  const ModelRegistry registry(dir.path());
  finish_version(registry, "classifier", "signals", "model.ftz");
  auto second = registry.create_version("classifier", "signals", kNow);
  ASSERT_TRUE(second.ok());
  std::filesystem::copy_file(dir.path() / "classifier/signals/v1/metadata.json",
                             second->dir / "metadata.json");
  auto versions = registry.versions("classifier", "signals");
  ASSERT_FALSE(versions.ok());
  EXPECT_NE(versions.error().message().find("describes classifier/signals/v1"), std::string::npos)
      << versions.error().message();
}

}  // namespace
}  // namespace sigtrader::ai
