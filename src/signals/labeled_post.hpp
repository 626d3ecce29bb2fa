#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "signals/signal_classifier.hpp"

namespace sigtrader::signals {

// An expected value that a labeled file may leave out: `known` is false when the key is absent
// (nothing to score), and `value` is nullopt when the file says null ("the post has none").
template <typename T>
struct Expected {
  bool known = false;
  std::optional<T> value;
};

// One post with its hand-given label and expected entities, as the corpus (data/corpus) and
// exports of `sigtrader label` hold them. Prices are normalised decimal strings ("0.488").
struct LabeledPost {
  std::string id;
  std::string channel;  // "" when the file names none: the whole file is one channel then
  std::string text;
  std::string label;  // long | short | update | none
  Expected<std::string> symbol;
  Expected<std::string> side;
  Expected<std::vector<std::string>> entries;
  Expected<std::vector<std::string>> targets;
  Expected<std::string> stop_loss;
  Expected<int> leverage;
};

// Reads JSON lines with at least "text" and "label"; "id", "channel" and the entity keys
// ("symbol", "side", "entries", "targets", "stop_loss", "leverage") are optional. A line that is
// not such an object fails the whole read with file:line and what is wrong: training on a file
// read in part would hide the mistake.
core::Result<std::vector<LabeledPost>> read_labeled_posts(const std::filesystem::path& file);
// The same for the text of such a file; `source` names it in errors.
core::Result<std::vector<LabeledPost>> parse_labeled_posts(std::string_view text,
                                                           const std::string& source);

}  // namespace sigtrader::signals
