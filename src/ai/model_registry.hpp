#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "ai/model_metadata.hpp"
#include "ai/sha256.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace sigtrader::ai {

// A version directory just created for a training run, and its metadata to fill in.
struct NewModelVersion {
  ModelMetadata metadata;     // kind, name, version and created_at set; the rest empty
  std::filesystem::path dir;  // {root}/{kind}/{name}/{version}, empty
};

// Trained models on disk, models/{kind}/{name}/{version}/ (DESIGN.md section 6): each version
// directory holds the artefact and a metadata.json. Versions are v1, v2, ... compared as numbers
// (v10 after v9). A version directory without metadata.json is a training that did not finish:
// it keeps its number but is not a version.
class ModelRegistry {
 public:
  explicit ModelRegistry(std::filesystem::path root);
  const std::filesystem::path& root() const { return root_; }

  // Creates the directory of the next version, one after the highest number present (finished
  // or not). Two runs at once get different versions: creating the directory is the claim.
  // kInvalidArgument for a kind or name that is not letters, digits, '-' and '_'.
  core::Result<NewModelVersion> create_version(std::string_view kind, std::string_view name,
                                               core::Timestamp now) const;
  // Writes version_dir/metadata.json atomically (a temporary file renamed into place), keys in a
  // fixed order, one per line. Write it last: its presence marks the version finished.
  core::Status write_metadata(const std::filesystem::path& version_dir,
                              const ModelMetadata& metadata) const;
  // Reads version_dir/metadata.json; kNotFound when it is missing, kParse for bad JSON or a
  // missing key, each naming the file.
  core::Result<ModelMetadata> read_metadata(const std::filesystem::path& version_dir) const;
  // The finished versions of a model, by version number; none when the model has no directory.
  // A metadata.json that cannot be read, or that names another model or version than its
  // directory, is an error naming it.
  core::Result<std::vector<ModelMetadata>> versions(std::string_view kind,
                                                    std::string_view name) const;
  // The highest finished version; kNotFound when there is none.
  core::Result<ModelMetadata> latest(std::string_view kind, std::string_view name) const;
  // {root}/{kind}/{name}/{version} of metadata that was read or created here.
  std::filesystem::path version_dir(const ModelMetadata& metadata) const;

 private:
  std::filesystem::path root_;
};

}  // namespace sigtrader::ai
