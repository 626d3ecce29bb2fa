#include "ai/fasttext_model.hpp"

#include <array>
#include <cstdint>
#include <numeric>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/serialize.hpp>
#include <fasttext/fasttext.h>

#include <gtest/gtest.h>

#include "core/file_text.hpp"
#include "support/temp_dir.hpp"

namespace sigtrader::ai {
namespace {

using testing::TempDir;

// Posts of three kinds, each with its own words, mixed with words every kind uses; a small
// linear congruential generator makes them the same on every run.
class SyntheticPosts {
 public:
  explicit SyntheticPosts(std::uint32_t seed) : state_(seed) {}

  std::vector<TextExample> make(std::size_t count) {
    static const std::array<std::string, 3> kLabels = {"long", "none", "short"};
    static const std::array<std::vector<std::string>, 3> kOwnWords = {{
        {"buy", "long", "moon", "pump", "bullish", "breakout", "calls", "upside"},
        {"hello", "news", "weekly", "meeting", "podcast", "giveaway", "welcome", "recap"},
        {"sell", "short", "dump", "bearish", "breakdown", "puts", "downside", "rejection"},
    }};
    static const std::vector<std::string> kSharedWords = {
        "btc", "eth", "usdt", "now", "the", "entry", "target", "stop", "x10", "today", "sol", "1h"};
    std::vector<TextExample> examples;
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t kind = next() % 3;
      TextExample example{.label = kLabels[kind], .text = {}};
      const std::size_t length = 6 + next() % 6;
      for (std::size_t t = 0; t < length; ++t) {
        const bool own = next() % 10 < 5;
        const std::vector<std::string>& words = own ? kOwnWords[kind] : kSharedWords;
        if (!example.text.empty()) example.text.push_back(' ');
        example.text += words[next() % words.size()];
      }
      examples.push_back(std::move(example));
    }
    return examples;
  }

 private:
  std::uint32_t next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  std::uint32_t state_;
};

std::vector<double> predict(const FastTextModel& model, std::string_view text) {
  std::vector<double> probabilities(model.labels().size());
  model.predict(text, probabilities);
  return probabilities;
}

// fastText's own answer for `text` as its command-line `predict` reads it (one line), by label
// name without the prefix.
std::vector<std::pair<std::string, double>> predict_line(const fasttext::FastText& reference,
                                                         const std::string& text, int labels) {
  std::istringstream line(text + "\n");
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  reference.predictLine(line, predictions, labels, 0.0);
  std::vector<std::pair<std::string, double>> result;
  for (const auto& [probability, label] : predictions) {
    result.emplace_back(label.substr(std::string("__label__").size()), probability);
  }
  return result;
}

// One model trained with the default params, shared by the tests that only read it.
class TrainedFastTextModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto model = FastTextModel::train(SyntheticPosts(7).make(200), FastTextParams{});
    ASSERT_TRUE(model.ok()) << model.error().message();
    model_ = new FastTextModel(std::move(model).value());
  }
  static void TearDownTestSuite() {
    delete model_;
    model_ = nullptr;
  }
  static const FastTextModel& model() { return *model_; }

  // Texts with known words, unknown words, repeated words and none at all.
  static std::vector<std::string> probe_texts() {
    std::vector<std::string> texts = {"buy btc now target moon",
                                      "sell eth breakdown stop",
                                      "weekly news recap",
                                      "nothing here is known to the model",
                                      "",
                                      "btc btc btc btc",
                                      "  leading and   repeated   spaces\tand tabs  "};
    std::string long_text;
    for (int i = 0; i < 60; ++i) {
      static const std::array<const char*, 6> kWords = {"btc", "buy",  "entry",
                                                        "zzz", "dump", "the"};
      long_text += kWords[static_cast<std::size_t>(i) % kWords.size()];
      long_text += ' ';
    }
    texts.push_back(long_text);
    return texts;
  }

 private:
  static FastTextModel* model_;
};
FastTextModel* TrainedFastTextModel::model_ = nullptr;

TEST_F(TrainedFastTextModel, LabelsAreSortedByName) {
  EXPECT_EQ(model().labels(), (std::vector<std::string>{"long", "none", "short"}));
}

TEST_F(TrainedFastTextModel, ProbabilitiesSumToOne) {
  for (const std::string& text : probe_texts()) {
    const auto probabilities = predict(model(), text);
    EXPECT_NEAR(std::accumulate(probabilities.begin(), probabilities.end(), 0.0), 1.0, 1e-12)
        << text;
    for (const double p : probabilities) {
      EXPECT_GT(p, 0.0) << text;
      EXPECT_LT(p, 1.0) << text;
    }
  }
}

TEST_F(TrainedFastTextModel, ClassifiesHeldOutPostsAccurately) {
  // Another seed: posts the model has not seen, made the same way.
  const auto held_out = SyntheticPosts(99).make(150);
  std::size_t correct = 0;
  for (const TextExample& example : held_out) {
    const auto probabilities = predict(model(), example.text);
    const auto best = std::max_element(probabilities.begin(), probabilities.end());
    correct +=
        model().labels()[static_cast<std::size_t>(best - probabilities.begin())] == example.label;
  }
  EXPECT_GE(static_cast<double>(correct) / static_cast<double>(held_out.size()), 0.95)
      << correct << " of " << held_out.size();
}

TEST_F(TrainedFastTextModel, PredictMatchesFastTextsOwnPredictLine) {
  TempDir dir;
  const auto file = dir.path() / "model.bin";
  ASSERT_TRUE(model().save(file).ok());
  fasttext::FastText reference;
  reference.loadModel(file.string());
  const int labels = static_cast<int>(model().labels().size());
  for (const std::string& text : probe_texts()) {
    const auto ours = predict(model(), text);
    const auto theirs = predict_line(reference, text, labels);
    ASSERT_EQ(theirs.size(), ours.size()) << text;
    for (const auto& [label, probability] : theirs) {
      const auto position = static_cast<std::size_t>(
          std::find(model().labels().begin(), model().labels().end(), label) -
          model().labels().begin());
      ASSERT_LT(position, ours.size()) << label;
      // fastText reports exp(log(p + 1e-5)): its softmax scores go through std_log().
      EXPECT_NEAR(ours[position], probability - 1e-5, 1e-6) << text << " / " << label;
      EXPECT_NEAR(ours[position], probability, 1e-5 + 1e-6) << text << " / " << label;
    }
  }
}

TEST_F(TrainedFastTextModel, ALiteralEndOfLineTokenEndsTheTextAsInFastText) {
  EXPECT_EQ(predict(model(), "sell dump </s> buy buy buy moon"), predict(model(), "sell dump"));
}

TEST_F(TrainedFastTextModel, SaveAndLoadGiveIdenticalPredictions) {
  TempDir dir;
  const auto file = dir.path() / "model.ftz";
  ASSERT_TRUE(model().save(file).ok());
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".partial"));
  auto loaded = FastTextModel::load(file);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(loaded->labels(), model().labels());
  for (const std::string& text : probe_texts()) {
    EXPECT_EQ(predict(*loaded, text), predict(model(), text)) << text;
  }
}

TEST_F(TrainedFastTextModel, ACopyPredictsTheSame) {
  const FastTextModel copy = model();
  for (const std::string& text : probe_texts()) {
    EXPECT_EQ(predict(copy, text), predict(model(), text)) << text;
  }
}

TEST(FastTextModel, TrainingIsDeterministic) {
  FastTextParams params;
  params.bucket = 20000;
  const auto examples = SyntheticPosts(3).make(120);
  auto first = FastTextModel::train(examples, params);
  auto second = FastTextModel::train(examples, params);
  ASSERT_TRUE(first.ok()) << first.error().message();
  ASSERT_TRUE(second.ok()) << second.error().message();
  TempDir dir;
  ASSERT_TRUE(first->save(dir.path() / "first.bin").ok());
  ASSERT_TRUE(second->save(dir.path() / "second.bin").ok());
  const auto first_bytes = core::read_whole_file(dir.path() / "first.bin");
  const auto second_bytes = core::read_whole_file(dir.path() / "second.bin");
  ASSERT_TRUE(first_bytes.ok() && second_bytes.ok());
  EXPECT_TRUE(*first_bytes == *second_bytes) << "the two trainings wrote different model bytes";
  for (const TextExample& example : SyntheticPosts(4).make(20)) {
    EXPECT_EQ(predict(*first, example.text), predict(*second, example.text)) << example.text;
  }
}

TEST(FastTextModel, CharacterNgramsOfUnknownWordsMatchFastText) {
  FastTextParams params;
  params.bucket = 5000;
  params.minn = 2;
  params.maxn = 4;
  params.epochs = 10;
  auto model = FastTextModel::train(SyntheticPosts(11).make(90), params);
  ASSERT_TRUE(model.ok()) << model.error().message();
  TempDir dir;
  ASSERT_TRUE(model->save(dir.path() / "model.bin").ok());
  fasttext::FastText reference;
  reference.loadModel((dir.path() / "model.bin").string());
  // Unknown words that share n-grams with known ones, multi-byte UTF-8 and a one-letter word.
  for (const std::string text :
       {"buyyy pumping bullishness", "selling dumped", "\xd0\xbb\xd0\xbe\xd0\xbd\xd0\xb3 btc", "x",
        "moon \xf0\x9f\x9a\x80\xf0\x9f\x9a\x80 now"}) {
    const auto ours = predict(*model, text);
    for (const auto& [label, probability] : predict_line(reference, text, 3)) {
      const auto position = static_cast<std::size_t>(
          std::find(model->labels().begin(), model->labels().end(), label) -
          model->labels().begin());
      ASSERT_LT(position, ours.size());
      EXPECT_NEAR(ours[position], probability - 1e-5, 1e-6) << text << " / " << label;
    }
  }
}

TEST(FastTextModel, NoExamplesIsAnError) {
  auto model = FastTextModel::train({}, FastTextParams{});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(model.error().message().find("no examples"), std::string::npos);
}

TEST(FastTextModel, ASingleLabelIsAnError) {
  const std::vector<TextExample> examples = {{"long", "buy btc"}, {"long", "buy eth"}};
  auto model = FastTextModel::train(examples, FastTextParams{});
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_NE(model.error().message().find("at least two labels"), std::string::npos)
      << model.error().message();
}

TEST(FastTextModel, ALabelWithWhitespaceIsAnError) {
  const std::vector<TextExample> examples = {{"long", "buy btc"}, {"go short", "sell eth"}};
  auto model = FastTextModel::train(examples, FastTextParams{});
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message().find("example 2: label \"go short\""), std::string::npos)
      << model.error().message();
}

TEST(FastTextModel, ALabelTokenInsideATextIsAnError) {
  const std::vector<TextExample> examples = {{"long", "buy btc"}, {"short", "sell __label__x"}};
  auto model = FastTextModel::train(examples, FastTextParams{});
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message().find("example 2"), std::string::npos)
      << model.error().message();
}

TEST(FastTextModel, BadParamsAreAnErrorNamingTheParam) {
  const auto examples = SyntheticPosts(5).make(10);
  FastTextParams params;
  params.dim = 0;
  auto model = FastTextModel::train(examples, params);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message().find("dim must be at least 1"), std::string::npos);
  params = FastTextParams{};
  params.minn = 5;
  params.maxn = 3;
  model = FastTextModel::train(examples, params);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message().find("minn"), std::string::npos);
}

TEST(FastTextModel, AMinCountNoWordReachesIsAnError) {
  FastTextParams params;
  params.bucket = 1000;
  params.min_count = 1000;
  auto model = FastTextModel::train(SyntheticPosts(5).make(30), params);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().message().find("vocabulary is empty"), std::string::npos)
      << model.error().message();
}

TEST(FastTextModel, LoadingAMissingFileNamesIt) {
  TempDir dir;
  auto model = FastTextModel::load(dir.path() / "absent.bin");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code(), core::ErrorCode::kNotFound);
  EXPECT_NE(model.error().message().find("absent.bin"), std::string::npos);
}

TEST(FastTextModel, LoadingGarbageNamesTheFile) {
  TempDir dir;
  const auto file = dir.write("garbage.bin", "this is not a model at all, just text\n");
  auto model = FastTextModel::load(file);
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.error().code(), core::ErrorCode::kParse);
  EXPECT_NE(model.error().message().find(file.string() + ": not a fastText model"),
            std::string::npos)
      << model.error().message();
}

TEST(FastTextModel, LoadingATruncatedModelIsAnErrorNotAHang) {
  FastTextParams params;
  params.bucket = 1000;
  params.epochs = 2;
  auto model = FastTextModel::train(SyntheticPosts(5).make(30), params);
  ASSERT_TRUE(model.ok()) << model.error().message();
  TempDir dir;
  ASSERT_TRUE(model->save(dir.path() / "whole.bin").ok());
  const auto bytes = core::read_whole_file(dir.path() / "whole.bin");
  ASSERT_TRUE(bytes.ok());
  // Cut inside the dictionary (where fastText's loader would loop forever) and inside a matrix.
  for (const std::size_t size : {std::size_t{120}, bytes->size() / 2, bytes->size() - 1}) {
    const auto file = dir.write("cut.bin", bytes->substr(0, size));
    auto cut = FastTextModel::load(file);
    ASSERT_FALSE(cut.ok()) << size;
    EXPECT_NE(cut.error().message().find("truncated fastText model"), std::string::npos)
        << cut.error().message();
  }
}

TEST(FastTextParams, ToJsonListsEveryParamInOrder) {
  EXPECT_EQ(boost::json::serialize(to_json(FastTextParams{})),
            R"({"dim":32,"epochs":30,"learning_rate":5E-1,"word_ngrams":2,"min_count":1,)"
            R"("bucket":100000,"minn":0,"maxn":0,"seed":1})");
}

}  // namespace
}  // namespace sigtrader::ai
