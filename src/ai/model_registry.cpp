#include "ai/model_registry.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>

#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include "ai/pretty_json.hpp"
#include "core/file_text.hpp"

namespace sigtrader::ai {
namespace {

constexpr std::string_view kMetadataFile = "metadata.json";

core::Status check_model_keys(std::string_view kind, std::string_view name) {
  for (const auto& [what, text] : {std::pair{"kind", kind}, std::pair{"name", name}}) {
    if (!is_valid_model_key(text)) {
      return core::Error(
          core::ErrorCode::kInvalidArgument,
          fmt::format("model {} \"{}\" must be 1 to 64 letters, digits, '-' or '_'", what, text));
    }
  }
  return {};
}

// The version directories under a model's directory, by number, finished or not.
core::Result<std::vector<std::pair<std::uint64_t, std::filesystem::path>>> version_dirs(
    const std::filesystem::path& model_dir) {
  std::vector<std::pair<std::uint64_t, std::filesystem::path>> dirs;
  std::error_code error;
  if (!std::filesystem::exists(model_dir, error)) return dirs;
  std::filesystem::directory_iterator entries(model_dir, error);
  for (; !error && entries != std::filesystem::directory_iterator(); entries.increment(error)) {
    const std::uint64_t number = parse_model_version(entries->path().filename().string());
    std::error_code ignored;
    if (number > 0 && entries->is_directory(ignored)) dirs.emplace_back(number, entries->path());
  }
  if (error) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot list {}: {}", model_dir.string(), error.message()));
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

core::Status write_file_atomically(const std::filesystem::path& file, const std::string& text) {
  const std::filesystem::path partial(file.string() + ".partial");
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
      return core::Error(core::ErrorCode::kIo, fmt::format("cannot write {}", file.string()));
    }
  }
  std::error_code error;
  std::filesystem::rename(partial, file, error);
  if (error) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot write {}: {}", file.string(), error.message()));
  }
  return {};
}

}  // namespace

ModelRegistry::ModelRegistry(std::filesystem::path root) : root_(std::move(root)) {}

core::Result<NewModelVersion> ModelRegistry::create_version(std::string_view kind,
                                                            std::string_view name,
                                                            core::Timestamp now) const {
  SIGTRADER_RETURN_IF_ERROR(check_model_keys(kind, name));
  const std::filesystem::path model_dir = root_ / kind / name;
  std::error_code error;
  std::filesystem::create_directories(model_dir, error);
  if (error) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot create {}: {}", model_dir.string(), error.message()));
  }
  SIGTRADER_TRY(const auto existing, version_dirs(model_dir));
  std::uint64_t number = existing.empty() ? 1 : existing.back().first + 1;
  // Another run may claim a number between the listing and here; then the next one is free.
  for (int attempt = 0; attempt < 1000; ++attempt, ++number) {
    const std::string version = fmt::format("v{}", number);
    const std::filesystem::path dir = model_dir / version;
    if (std::filesystem::create_directory(dir, error)) {
      NewModelVersion created;
      created.metadata.kind = std::string(kind);
      created.metadata.name = std::string(name);
      created.metadata.version = version;
      created.metadata.created_at = now;
      created.dir = dir;
      return created;
    }
    if (error) {
      return core::Error(core::ErrorCode::kIo,
                         fmt::format("cannot create {}: {}", dir.string(), error.message()));
    }
  }
  return core::Error(core::ErrorCode::kUnavailable,
                     fmt::format("cannot claim a new version in {}: every number tried was taken",
                                 model_dir.string()));
}

core::Status ModelRegistry::write_metadata(const std::filesystem::path& version_dir,
                                           const ModelMetadata& metadata) const {
  const std::filesystem::path file = version_dir / kMetadataFile;
  const boost::json::object json = to_json(metadata);
  // Refuse what read_metadata() would refuse, so a written version can always be read back.
  if (auto checked = metadata_from_json(json, file.string()); !checked) {
    return core::Error(core::ErrorCode::kInvalidArgument, checked.error().message());
  }
  if (metadata.version != version_dir.filename().string()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("{}: metadata of version {} does not belong in {}",
                                   file.string(), metadata.version, version_dir.string()));
  }
  return write_file_atomically(file, to_pretty_json(json));
}

core::Result<ModelMetadata> ModelRegistry::read_metadata(
    const std::filesystem::path& version_dir) const {
  const std::filesystem::path file = version_dir / kMetadataFile;
  const auto text = core::read_whole_file(file);
  if (!text) {
    return core::Error(text.error().code(), fmt::format("cannot read model metadata {}: {}",
                                                        file.string(), text.error().message()));
  }
  boost::system::error_code parse_error;
  const boost::json::value json = boost::json::parse(*text, parse_error);
  if (parse_error) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("{}: not valid JSON: {}", file.string(), parse_error.message()));
  }
  return metadata_from_json(json, file.string());
}

core::Result<std::vector<ModelMetadata>> ModelRegistry::versions(std::string_view kind,
                                                                 std::string_view name) const {
  SIGTRADER_RETURN_IF_ERROR(check_model_keys(kind, name));
  SIGTRADER_TRY(const auto dirs, version_dirs(root_ / kind / name));
  std::vector<ModelMetadata> found;
  for (const auto& [number, dir] : dirs) {
    std::error_code ignored;
    if (!std::filesystem::exists(dir / kMetadataFile, ignored)) continue;  // an unfinished run
    SIGTRADER_TRY(ModelMetadata metadata, read_metadata(dir));
    if (metadata.kind != kind || metadata.name != name ||
        metadata.version != dir.filename().string()) {
      return core::Error(
          core::ErrorCode::kParse,
          fmt::format("{}: describes {}/{}/{} but lies in {}", (dir / kMetadataFile).string(),
                      metadata.kind, metadata.name, metadata.version, dir.string()));
    }
    found.push_back(std::move(metadata));
  }
  return found;
}

core::Result<ModelMetadata> ModelRegistry::latest(std::string_view kind,
                                                  std::string_view name) const {
  SIGTRADER_TRY(auto all, versions(kind, name));
  if (all.empty()) {
    return core::Error(
        core::ErrorCode::kNotFound,
        fmt::format("no finished version of model {}/{} in {}", kind, name, root_.string()));
  }
  return std::move(all.back());
}

std::filesystem::path ModelRegistry::version_dir(const ModelMetadata& metadata) const {
  SIGTRADER_ASSERT(is_valid_model_key(metadata.kind) && is_valid_model_key(metadata.name) &&
                       parse_model_version(metadata.version) > 0,
                   "version_dir() of metadata that was not read or created by the registry");
  return root_ / metadata.kind / metadata.name / metadata.version;
}

}  // namespace sigtrader::ai
