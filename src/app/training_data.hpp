#pragma once

#include <string>
#include <vector>

#include "app/cli_context.hpp"
#include "core/result.hpp"
#include "signals/labeled_post.hpp"

namespace sigtrader::app {

// Labeled posts read from files, and what identifies them in a model's metadata.
struct TrainingData {
  std::vector<std::string> files;  // in the order read
  std::vector<signals::LabeledPost> posts;
  std::string hash;  // "sha256:<hex>" of the files' bytes, in order
};

// Reads `files`, or when none are given every *.jsonl of {general.data_dir}/corpus (by name).
// Errors name the file and line; no file at all is an error that says where it looked.
core::Result<TrainingData> read_training_data(const std::vector<std::string>& files,
                                              CliContext& context);

}  // namespace sigtrader::app
