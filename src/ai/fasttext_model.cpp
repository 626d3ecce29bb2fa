#include "ai/fasttext_model.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <exception>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <system_error>

#include <fasttext/fasttext.h>
#include <fmt/format.h>
#include <stdlib.h>

#include "ai/fasttext_file_check.hpp"
#include "core/file_text.hpp"

namespace sigtrader::ai {
namespace {

constexpr std::string_view kLabelPrefix = "__label__";
constexpr std::string_view kEndOfLine = "</s>";  // fasttext::Dictionary::EOS

// The bytes fastText's Dictionary::readWord() splits tokens at.
bool is_token_separator(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c == '\0';
}

// One step of FNV-1a as fasttext::Dictionary::hash() takes it: the byte sign-extended first,
// as released fastText models were trained with signed char.
std::uint32_t fnv1a_step(std::uint32_t hash, char byte) {
  hash ^= static_cast<std::uint32_t>(static_cast<std::int8_t>(byte));
  return hash * 16777619u;
}
constexpr std::uint32_t kFnv1aOffset = 2166136261u;

// A UTF-8 continuation byte: character n-grams count characters, not bytes.
bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// A fresh directory under the system's temporary directory, removed with its contents when this
// goes out of scope (also when training fails).
class ScratchDirectory {
 public:
  static core::Result<ScratchDirectory> create() {
    std::error_code error;
    const std::filesystem::path temporary = std::filesystem::temp_directory_path(error);
    if (error) {
      return core::Error(core::ErrorCode::kIo, fmt::format("no temporary directory for fastText's "
                                                           "training file: {}",
                                                           error.message()));
    }
    std::string pattern = (temporary / "sigtrader-fasttext-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      return core::Error(core::ErrorCode::kIo,
                         fmt::format("cannot create a temporary directory like {}: {}", pattern,
                                     std::generic_category().message(errno)));
    }
    return ScratchDirectory(pattern);
  }
  ScratchDirectory(ScratchDirectory&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(ScratchDirectory&&) = delete;
  ~ScratchDirectory() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit ScratchDirectory(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

core::Status check_params(const FastTextParams& p) {
  const auto bad = [](std::string_view what) {
    return core::Error(core::ErrorCode::kInvalidArgument, fmt::format("fastText params: {}", what));
  };
  if (p.dim < 1) return bad(fmt::format("dim must be at least 1, got {}", p.dim));
  if (p.epochs < 1) return bad(fmt::format("epochs must be at least 1, got {}", p.epochs));
  if (!(p.learning_rate > 0.0) || !std::isfinite(p.learning_rate)) {
    return bad(fmt::format("learning_rate must be a positive number, got {}", p.learning_rate));
  }
  if (p.word_ngrams < 1) {
    return bad(fmt::format("word_ngrams must be at least 1, got {}", p.word_ngrams));
  }
  if (p.min_count < 1) return bad(fmt::format("min_count must be at least 1, got {}", p.min_count));
  if (p.bucket < 0) return bad(fmt::format("bucket must not be negative, got {}", p.bucket));
  if (p.minn < 0 || p.maxn < 0 || (p.maxn > 0 && (p.minn < 1 || p.minn > p.maxn))) {
    return bad(fmt::format("character n-grams need 1 <= minn <= maxn (or both 0), got {}..{}",
                           p.minn, p.maxn));
  }
  if ((p.word_ngrams > 1 || p.maxn > 0) && p.bucket < 1) {
    return bad("word or character n-grams need bucket >= 1");
  }
  return {};
}

// Checks what fastText would silently misread and returns the distinct labels.
core::Result<std::set<std::string>> check_examples(std::span<const TextExample> examples) {
  if (examples.empty()) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       "cannot train a fastText classifier on no examples");
  }
  std::set<std::string> labels;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    const std::string& label = examples[i].label;
    if (label.empty() || std::any_of(label.begin(), label.end(), is_token_separator)) {
      return core::Error(core::ErrorCode::kInvalidArgument,
                         fmt::format("example {}: label \"{}\" must be a non-empty word without "
                                     "whitespace",
                                     i + 1, label));
    }
    const std::string& text = examples[i].text;
    for (std::size_t at = text.find(kLabelPrefix); at != std::string::npos;
         at = text.find(kLabelPrefix, at + 1)) {
      if (at == 0 || is_token_separator(text[at - 1])) {
        return core::Error(core::ErrorCode::kInvalidArgument,
                           fmt::format("example {}: the text holds a token starting with {}, "
                                       "which fastText would read as a label",
                                       i + 1, kLabelPrefix));
      }
    }
    labels.insert(label);
  }
  if (labels.size() < 2) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("a classifier needs examples of at least two labels, all {} "
                                   "examples are \"{}\"",
                                   examples.size(), *labels.begin()));
  }
  return labels;
}

// fastText's input format, one example per line in an order shuffled by the seed (Fisher-Yates
// on mt19937_64, whose output the standard fixes, so the order is the same on every platform).
core::Status write_training_file(std::span<const TextExample> examples, int seed,
                                 const std::filesystem::path& file) {
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 random(static_cast<std::uint64_t>(seed));
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[random() % i]);
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  std::string line;
  for (const std::size_t index : order) {
    const TextExample& example = examples[index];
    line.assign(kLabelPrefix).append(example.label).push_back(' ');
    line.append(example.text);
    // A newline would end the example early: it is a space, as predict() reads it.
    std::replace(line.begin(), line.end(), '\n', ' ');
    line.push_back('\n');
    out << line;
  }
  if (!out.flush()) {
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot write the training file {}", file.string()));
  }
  return {};
}

fasttext::Args training_args(const FastTextParams& params, const std::filesystem::path& input) {
  fasttext::Args args;
  args.input = input.string();
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.dim = params.dim;
  args.epoch = params.epochs;
  args.lr = params.learning_rate;
  args.wordNgrams = params.word_ngrams;
  args.minCount = params.min_count;
  args.minCountLabel = 0;
  args.bucket = params.bucket;
  args.minn = params.minn;
  args.maxn = params.maxn;
  args.seed = params.seed;
  // One thread: with more, the threads' updates interleave by timing and training is not
  // reproducible.
  args.thread = 1;
  args.verbose = 0;
  return args;
}

}  // namespace

boost::json::object to_json(const FastTextParams& params) {
  boost::json::object json;
  json["dim"] = params.dim;
  json["epochs"] = params.epochs;
  json["learning_rate"] = params.learning_rate;
  json["word_ngrams"] = params.word_ngrams;
  json["min_count"] = params.min_count;
  json["bucket"] = params.bucket;
  json["minn"] = params.minn;
  json["maxn"] = params.maxn;
  json["seed"] = params.seed;
  return json;
}

core::Result<FastTextModel> FastTextModel::train(std::span<const TextExample> examples,
                                                 const FastTextParams& params) {
  SIGTRADER_RETURN_IF_ERROR(check_params(params));
  SIGTRADER_RETURN_IF_ERROR(check_examples(examples));
  SIGTRADER_TRY(const ScratchDirectory scratch, ScratchDirectory::create());
  const std::filesystem::path data_file = scratch.path() / "train.txt";
  const std::filesystem::path model_file = scratch.path() / "model.bin";
  SIGTRADER_RETURN_IF_ERROR(write_training_file(examples, params.seed, data_file));
  try {
    fasttext::FastText trainer;
    trainer.train(training_args(params, data_file));
    trainer.saveModel(model_file.string());
  } catch (const std::invalid_argument& error) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("fastText training failed: {}", error.what()));
  } catch (const std::exception& error) {
    return core::Error(core::ErrorCode::kInternal,
                       fmt::format("fastText training failed: {}", error.what()));
  }
  // Reloading drops the training dictionary's fixed 30M-slot hash table (120 MB) and runs the
  // trained model through the same checks as any file.
  SIGTRADER_TRY(FastTextModel model, load(model_file));
  const std::int32_t end_of_line_id = model.dictionary_->getId(std::string(kEndOfLine));
  if (model.words_ - (end_of_line_id >= 0 ? 1 : 0) < 1) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       fmt::format("no word occurs at least min_count ({}) times: the "
                                   "vocabulary is empty",
                                   params.min_count));
  }
  return model;
}

core::Result<FastTextModel> FastTextModel::load(const std::filesystem::path& file) {
  const std::string source = file.string();
  auto bytes = core::read_whole_file(file);
  if (!bytes) {
    return core::Error(bytes.error().code(), fmt::format("cannot read the fastText model {}: {}",
                                                         source, bytes.error().message()));
  }
  SIGTRADER_RETURN_IF_ERROR(check_fasttext_model_bytes(*bytes, source));
  auto model = std::make_shared<fasttext::FastText>();
  try {
    model->loadModel(source);
  } catch (const std::exception& error) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("{}: fastText cannot load it: {}", source, error.what()));
  }
  return from_fasttext(std::move(model), file);
}

core::Result<FastTextModel> FastTextModel::from_fasttext(std::shared_ptr<fasttext::FastText> model,
                                                         const std::filesystem::path& file) {
  FastTextModel result;
  const fasttext::Args args = model->getArgs();
  result.dictionary_ = model->getDictionary();
  try {
    result.input_ = model->getInputMatrix();
    result.output_ = model->getOutputMatrix();
  } catch (const std::exception& error) {
    return core::Error(core::ErrorCode::kParse, fmt::format("{}: unsupported fastText model: {}",
                                                            file.string(), error.what()));
  }
  result.model_ = std::move(model);
  result.words_ = result.dictionary_->nwords();
  result.word_ngrams_ = args.wordNgrams;
  result.bucket_ = args.bucket;
  result.minn_ = args.minn;
  result.maxn_ = args.maxn;
  result.dim_ = args.dim;

  const std::int32_t label_count = result.dictionary_->nlabels();
  std::vector<std::pair<std::string, std::size_t>> by_name;
  for (std::int32_t i = 0; i < label_count; ++i) {
    by_name.emplace_back(result.dictionary_->getLabel(i).substr(kLabelPrefix.size()),
                         static_cast<std::size_t>(i));
  }
  std::sort(by_name.begin(), by_name.end());
  result.label_position_.resize(by_name.size());
  for (std::size_t position = 0; position < by_name.size(); ++position) {
    result.labels_.push_back(by_name[position].first);
    result.label_position_[by_name[position].second] = position;
  }

  result.hidden_.resize(static_cast<std::size_t>(result.dim_));
  result.scores_.resize(result.labels_.size());
  result.input_rows_.reserve(256);
  result.token_hashes_.reserve(128);
  result.token_.reserve(64);
  result.bracketed_token_.reserve(64);
  return result;
}

core::Status FastTextModel::save(const std::filesystem::path& file) const {
  const std::filesystem::path partial(file.string() + ".partial");
  const auto fail = [&](std::string_view why) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);
    return core::Error(core::ErrorCode::kIo,
                       fmt::format("cannot write the fastText model {}: {}", file.string(), why));
  };
  try {
    model_->saveModel(partial.string());
  } catch (const std::exception& error) {
    return fail(error.what());
  }
  // fastText does not report a failed write (a full disk): read the file back and check it.
  const auto written = core::read_whole_file(partial);
  if (!written) return fail(written.error().message());
  if (!check_fasttext_model_bytes(*written, partial.string())) {
    return fail("the written file is incomplete");
  }
  std::error_code error;
  std::filesystem::rename(partial, file, error);
  if (error) return fail(error.message());
  return {};
}

void FastTextModel::predict(std::string_view text, std::span<double> probabilities) const {
  SIGTRADER_ASSERT(probabilities.size() == labels_.size(),
                   "predict() needs one probability slot per label");
  input_rows_.clear();
  token_hashes_.clear();
  bool ended = false;
  for (std::size_t begin = 0; begin < text.size() && !ended;) {
    if (is_token_separator(text[begin])) {
      ++begin;
      continue;
    }
    std::size_t end = begin;
    while (end < text.size() && !is_token_separator(text[end]))
      ++end;
    const std::string_view token = text.substr(begin, end - begin);
    add_token(token);
    ended = token == kEndOfLine;  // fastText's getLine() stops at the end-of-line token
    begin = end;
  }
  if (!ended) add_token(kEndOfLine);
  add_word_ngrams();

  if (input_rows_.empty()) {
    // Nothing the model knows (fastText predicts nothing): every label is as likely.
    std::fill(probabilities.begin(), probabilities.end(),
              1.0 / static_cast<double>(probabilities.size()));
    return;
  }
  // The hidden layer and the label scores in float, summed in the order Model::computeHidden()
  // and DenseMatrix::dotRow() sum them; the softmax in double so the result sums to 1.
  std::fill(hidden_.begin(), hidden_.end(), 0.0f);
  const float* input = input_->data();
  for (const std::int32_t row : input_rows_) {
    const float* weights = input + static_cast<std::int64_t>(row) * dim_;
    for (std::int64_t j = 0; j < dim_; ++j)
      hidden_[j] += weights[j];
  }
  const auto scale = static_cast<float>(1.0 / static_cast<double>(input_rows_.size()));
  for (float& value : hidden_)
    value *= scale;

  const float* output = output_->data();
  double highest = -std::numeric_limits<double>::infinity();
  for (std::size_t label = 0; label < scores_.size(); ++label) {
    const float* weights = output + static_cast<std::int64_t>(label) * dim_;
    float score = 0.0f;
    for (std::int64_t j = 0; j < dim_; ++j)
      score += weights[j] * hidden_[j];
    scores_[label] = score;
    highest = std::max(highest, scores_[label]);
  }
  double total = 0.0;
  for (double& score : scores_) {
    score = std::exp(score - highest);
    total += score;
  }
  for (std::size_t label = 0; label < scores_.size(); ++label) {
    probabilities[label_position_[label]] = scores_[label] / total;
  }
}

// As fasttext::Dictionary::getLine() reads a token: a known word adds its row (or its
// character n-grams, which include it), an unknown word its character n-grams; either adds its
// hash for the word n-grams. Label tokens add nothing.
void FastTextModel::add_token(std::string_view token) const {
  token_.assign(token.data(), token.size());
  const std::uint32_t hash = dictionary_->hash(token_);
  const std::int32_t id = dictionary_->getId(token_, hash);
  if (id >= 0) {
    if (dictionary_->getType(id) == fasttext::entry_type::label) return;
    if (maxn_ <= 0) {
      input_rows_.push_back(id);
    } else {
      const std::vector<std::int32_t>& subwords = dictionary_->getSubwords(id);
      input_rows_.insert(input_rows_.end(), subwords.begin(), subwords.end());
    }
  } else {
    if (token.starts_with(kLabelPrefix)) return;
    if (maxn_ > 0 && token != kEndOfLine) add_character_ngrams(token);
  }
  // fastText keeps the hashes as int32_t; add_word_ngrams() relies on the same sign extension.
  token_hashes_.push_back(static_cast<std::int32_t>(hash));
}

// fasttext::Dictionary::computeSubwords() of "<token>" without its per-n-gram strings: the hash
// of each n-gram grows one character at a time. Single "<" and ">" are not n-grams.
void FastTextModel::add_character_ngrams(std::string_view token) const {
  bracketed_token_.assign("<").append(token).push_back('>');
  const std::string& word = bracketed_token_;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (is_continuation_byte(word[i])) continue;
    std::uint32_t hash = kFnv1aOffset;
    for (std::size_t j = i, n = 1; j < word.size() && n <= static_cast<std::size_t>(maxn_); ++n) {
      hash = fnv1a_step(hash, word[j++]);
      while (j < word.size() && is_continuation_byte(word[j]))
        hash = fnv1a_step(hash, word[j++]);
      if (n >= static_cast<std::size_t>(minn_) && !(n == 1 && (i == 0 || j == word.size()))) {
        input_rows_.push_back(
            words_ + static_cast<std::int32_t>(hash % static_cast<std::uint32_t>(bucket_)));
      }
    }
  }
}

// fasttext::Dictionary::addWordNgrams(): each run of up to word_ngrams tokens hashes into a
// bucket, with fastText's multiplier and its int32 -> uint64 sign extension.
void FastTextModel::add_word_ngrams() const {
  const std::size_t count = token_hashes_.size();
  const auto longest = static_cast<std::size_t>(word_ngrams_);
  for (std::size_t i = 0; i < count; ++i) {
    auto hash = static_cast<std::uint64_t>(static_cast<std::int64_t>(token_hashes_[i]));
    for (std::size_t j = i + 1; j < count && j < i + longest; ++j) {
      hash = hash * 116049371u +
             static_cast<std::uint64_t>(static_cast<std::int64_t>(token_hashes_[j]));
      input_rows_.push_back(words_ +
                            static_cast<std::int32_t>(hash % static_cast<std::uint64_t>(bucket_)));
    }
  }
}

}  // namespace sigtrader::ai
