#include "app/training_data.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "ai/sha256.hpp"
#include "app/effective_config.hpp"
#include "core/file_text.hpp"

namespace sigtrader::app {

namespace fs = std::filesystem;

core::Result<TrainingData> read_training_data(const std::vector<std::string>& files,
                                              CliContext& context) {
  TrainingData data;
  data.files = files;
  if (data.files.empty()) {
    const auto& config = effective_config(context);
    if (!config.ok()) return config.error();
    const fs::path corpus = fs::path(config->general.data_dir) / "corpus";
    std::error_code error;
    for (fs::directory_iterator it(corpus, error), end; !error && it != end; it.increment(error)) {
      if (it->path().extension() == ".jsonl") data.files.push_back(it->path().string());
    }
    std::sort(data.files.begin(), data.files.end());
    if (data.files.empty()) {
      return core::Error(
          core::ErrorCode::kNotFound,
          fmt::format("no --data given and {} holds no *.jsonl labeled posts", corpus.string()));
    }
  }
  std::string bytes;
  for (const std::string& file : data.files) {
    auto text = core::read_whole_file(file);
    if (!text.ok()) {
      return core::Error(text.error().code(), fmt::format("{}: {}", file, text.error().message()));
    }
    bytes += *text;
    SIGTRADER_TRY(std::vector<signals::LabeledPost> posts,
                  signals::parse_labeled_posts(*text, file));
    // A file without channel names is one channel, named after the file.
    for (signals::LabeledPost& post : posts) {
      if (post.channel.empty()) post.channel = fs::path(file).stem().string();
    }
    data.posts.insert(data.posts.end(), std::make_move_iterator(posts.begin()),
                      std::make_move_iterator(posts.end()));
  }
  data.hash = "sha256:" + ai::sha256_hex(bytes);
  return data;
}

}  // namespace sigtrader::app
