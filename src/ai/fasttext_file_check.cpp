#include "ai/fasttext_file_check.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>

#include <fmt/format.h>

namespace sigtrader::ai {
namespace {

// The layout fastText 0.9.2 writes (FastText::saveModel): magic and version, Args, Dictionary,
// a quantized flag, the input matrix, a quantized-output flag, the output matrix.
constexpr std::int32_t kMagic = 793712314;
constexpr std::int32_t kVersion = 12;
constexpr std::int32_t kSupervisedModel = 3;  // fasttext::model_name::sup
constexpr std::int32_t kSoftmaxLoss = 3;      // fasttext::loss_name::softmax
constexpr std::int8_t kWordEntry = 0;
constexpr std::int8_t kLabelEntry = 1;
constexpr std::string_view kLabelPrefix = "__label__";

// Reads native-endian values (fastText writes raw memory) without reading past the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  template <typename T>
  std::optional<T> read() {
    if (bytes_.size() - position_ < sizeof(T)) return std::nullopt;
    T value;
    std::memcpy(&value, bytes_.data() + position_, sizeof(T));
    position_ += sizeof(T);
    return value;
  }
  // A NUL-terminated string, without its NUL.
  std::optional<std::string_view> read_c_string() {
    const std::size_t end = bytes_.find('\0', position_);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view text = bytes_.substr(position_, end - position_);
    position_ = end + 1;
    return text;
  }
  // `count` floats, all finite; nullopt when fewer bytes are left, false when one is not finite.
  std::optional<bool> read_finite_floats(std::uint64_t count) {
    if (count > (bytes_.size() - position_) / sizeof(float)) return std::nullopt;
    bool finite = true;
    for (std::uint64_t i = 0; i < count; ++i) {
      float value;
      std::memcpy(&value, bytes_.data() + position_ + i * sizeof(float), sizeof(float));
      finite = finite && std::isfinite(value);
    }
    position_ += count * sizeof(float);
    return finite;
  }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::string_view bytes_;
  std::size_t position_ = 0;
};

struct Header {
  std::int32_t dim = 0;
  std::int32_t word_ngrams = 0;
  std::int32_t loss = 0;
  std::int32_t model = 0;
  std::int32_t bucket = 0;
  std::int32_t minn = 0;
  std::int32_t maxn = 0;
};

core::Error bad_file(const std::string& source, std::string_view what) {
  return core::Error(core::ErrorCode::kParse, fmt::format("{}: {}", source, what));
}

core::Error truncated(const std::string& source, std::string_view part) {
  return bad_file(source, fmt::format("truncated fastText model: the file ends inside {}", part));
}

core::Result<Header> read_header(ByteReader& in, const std::string& source) {
  const auto magic = in.read<std::int32_t>();
  if (!magic || *magic != kMagic) {
    return bad_file(source, "not a fastText model (its first bytes are not fastText's magic)");
  }
  const auto version = in.read<std::int32_t>();
  if (!version) return truncated(source, "the header");
  if (*version != kVersion) {
    return bad_file(source, fmt::format("fastText model version {}, expected {} (fastText 0.9)",
                                        *version, kVersion));
  }
  // Args::save: dim ws epoch minCount neg wordNgrams loss model bucket minn maxn lrUpdateRate t.
  std::int32_t fields[12];
  for (std::int32_t& field : fields) {
    const auto value = in.read<std::int32_t>();
    if (!value) return truncated(source, "the training arguments");
    field = *value;
  }
  if (!in.read<double>()) return truncated(source, "the training arguments");
  Header header{.dim = fields[0],
                .word_ngrams = fields[5],
                .loss = fields[6],
                .model = fields[7],
                .bucket = fields[8],
                .minn = fields[9],
                .maxn = fields[10]};
  if (header.model != kSupervisedModel || header.loss != kSoftmaxLoss) {
    return bad_file(source, "expected a supervised fastText classifier with softmax loss");
  }
  const bool hashes = header.word_ngrams > 1 || header.maxn > 0;
  if (header.dim < 1 || header.word_ngrams < 1 || header.bucket < 0 ||
      (hashes && header.bucket < 1) || header.minn < 0 || header.maxn < 0) {
    return bad_file(source, "corrupt fastText model: impossible training arguments");
  }
  return header;
}

struct DictionarySize {
  std::int32_t words = 0;   // fastText's nwords, the input matrix's rows before the hash buckets
  std::int32_t labels = 0;  // the output matrix's rows
};

core::Result<DictionarySize> read_dictionary(ByteReader& in, const std::string& source) {
  const auto size = in.read<std::int32_t>();
  const auto words = in.read<std::int32_t>();
  const auto labels = in.read<std::int32_t>();
  const auto tokens = in.read<std::int64_t>();
  const auto pruned_size = in.read<std::int64_t>();
  if (!size || !words || !labels || !tokens || !pruned_size) {
    return truncated(source, "the dictionary");
  }
  if (*words < 0 || *labels < 0 || *size != *words + *labels) {
    return bad_file(source, "corrupt fastText model: the dictionary's counts disagree");
  }
  if (*labels < 2) {
    return bad_file(
        source, fmt::format("a classifier needs at least two labels, the model has {}", *labels));
  }
  if (*pruned_size != -1) {
    return bad_file(source, "pruned (quantized) fastText models are not supported");
  }
  for (std::int32_t i = 0; i < *size; ++i) {
    const auto text = in.read_c_string();
    const auto count = in.read<std::int64_t>();
    const auto type = in.read<std::int8_t>();
    if (!text || !count || !type) return truncated(source, "the dictionary");
    const bool is_label = i >= *words;
    if (*type != (is_label ? kLabelEntry : kWordEntry)) {
      return bad_file(source, fmt::format("corrupt fastText model: dictionary entry {} is out of "
                                          "place",
                                          i));
    }
    if (is_label && (text->size() <= kLabelPrefix.size() || !text->starts_with(kLabelPrefix))) {
      return bad_file(source, fmt::format("corrupt fastText model: label \"{}\" does not start "
                                          "with {}",
                                          *text, kLabelPrefix));
    }
  }
  return DictionarySize{.words = *words, .labels = *labels};
}

core::Status read_matrix(ByteReader& in, std::int64_t rows, std::int64_t cols,
                         std::string_view name, const std::string& source) {
  const auto quantized = in.read<std::int8_t>();
  if (!quantized) return truncated(source, name);
  if (*quantized != 0) return bad_file(source, "quantized fastText models are not supported");
  const auto file_rows = in.read<std::int64_t>();
  const auto file_cols = in.read<std::int64_t>();
  if (!file_rows || !file_cols) return truncated(source, name);
  if (*file_rows != rows || *file_cols != cols) {
    return bad_file(source, fmt::format("corrupt fastText model: the {} is {}x{}, expected {}x{}",
                                        name, *file_rows, *file_cols, rows, cols));
  }
  const auto finite =
      in.read_finite_floats(static_cast<std::uint64_t>(rows) * static_cast<std::uint64_t>(cols));
  if (!finite) return truncated(source, name);
  if (!*finite) {
    return bad_file(source, fmt::format("corrupt fastText model: the {} holds a weight that is not "
                                        "a finite number",
                                        name));
  }
  return {};
}

}  // namespace

core::Status check_fasttext_model_bytes(std::string_view bytes, const std::string& source) {
  ByteReader in(bytes);
  SIGTRADER_TRY(const Header header, read_header(in, source));
  SIGTRADER_TRY(const DictionarySize dictionary, read_dictionary(in, source));
  const std::int64_t input_rows = static_cast<std::int64_t>(dictionary.words) + header.bucket;
  SIGTRADER_RETURN_IF_ERROR(read_matrix(in, input_rows, header.dim, "input matrix", source));
  SIGTRADER_RETURN_IF_ERROR(
      read_matrix(in, dictionary.labels, header.dim, "output matrix", source));
  if (!in.at_end()) return bad_file(source, "corrupt fastText model: bytes after the last matrix");
  return {};
}

}  // namespace sigtrader::ai
