#include "app/label_session.hpp"

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/label_screen.hpp"
#include "core/clock.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {
namespace {

core::Timestamp at_seconds(std::int64_t seconds) {
  return core::Timestamp::from_seconds(1'700'000'000 + seconds);
}

// Suggests the same label for every post, so the tests do not depend on the rules.
class FixedClassifier final : public signals::SignalClassifier {
 public:
  signals::Classification classify(std::string_view /*text*/,
                                   const signals::ParsedSignal& /*parsed*/) const override {
    return {.label = "short", .confidence = 0.8, .classifier = "fixed"};
  }
  std::string_view name() const override { return "fixed"; }
};

class LabelSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = storage::SqliteStore::open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_
                    ->upsert_channel({.id = core::ChannelId("file:calls"),
                                      .source = "file",
                                      .title = "Calls",
                                      .created_at = at_seconds(0),
                                      .updated_at = at_seconds(0)})
                    .ok());
    add(1, "BTC/USDT long entry 42000 tp 44000 sl 41000 10x");
    add(2, "good morning everyone");
    add(3, "ETH short 2500");
    add(4, "tp1 hit on BTC");
  }

  void add(std::int64_t id, std::string text) {
    storage::MessageRow message{.id = {},
                                .channel_id = core::ChannelId("file:calls"),
                                .message_id = core::MessageId(id),
                                .ts_event = at_seconds(id),
                                .ts_init = at_seconds(id),
                                .text = std::move(text),
                                .reply_to = std::nullopt,
                                .raw_json = std::nullopt,
                                .edited_at = std::nullopt,
                                .forwarded_from = std::nullopt};
    ASSERT_TRUE(store_->insert_message(message).ok());
  }

  LabelSession start(std::string labeler = "alice") {
    LabelSession session(*store_, classifier_, clock_, {.labeler = std::move(labeler)});
    const core::Status started = session.start();
    EXPECT_TRUE(started.ok()) << started.error().message();
    return session;
  }

  static std::int64_t shown(const LabelSession& session) {
    return session.done() ? -1 : session.current().message.message_id.value();
  }

  // "1:long 3:none", by message id.
  std::string stored_labels(const std::string& labeler = "alice") {
    const auto labeled = store_->labeled_messages(labeler);
    EXPECT_TRUE(labeled.ok());
    std::string out;
    for (const storage::LabeledMessage& item : *labeled) {
      if (!out.empty()) out += ' ';
      out += std::to_string(item.message.message_id.value()) + ":" + item.label.label;
    }
    return out;
  }

  std::unique_ptr<storage::SqliteStore> store_;
  FixedClassifier classifier_;
  core::SimClock clock_{at_seconds(1000)};
};

TEST_F(LabelSessionTest, StartsAtTheFirstMessageWithTheProgressTheSuggestionAndTheFields) {
  LabelSession session = start();
  EXPECT_EQ(shown(session), 1);
  EXPECT_EQ(session.progress().labeled, 0);
  EXPECT_EQ(session.progress().total, 4);
  EXPECT_EQ(session.current().channel_title, "Calls");
  EXPECT_EQ(session.current().suggestion.label, "short");
  ASSERT_TRUE(session.current().parsed.symbol.has_value());
  EXPECT_EQ(session.current().parsed.symbol->to_string(), "BTC/USDT");

  const std::string screen = render_label_screen(session, std::nullopt);
  EXPECT_NE(screen.find("labeled 0 of 4"), std::string::npos) << screen;
  EXPECT_NE(screen.find("suggestion: short 80% (fixed)"), std::string::npos) << screen;
  EXPECT_NE(screen.find("symbol BTC/USDT · side long · entries 42000"), std::string::npos)
      << screen;
  EXPECT_NE(screen.find("leverage 10x"), std::string::npos) << screen;
}

TEST_F(LabelSessionTest, AcceptingStoresTheSuggestionWithTheLabelerTimeAndEntities) {
  LabelSession session = start();
  ASSERT_TRUE(session.accept().ok());
  EXPECT_EQ(shown(session), 2);
  EXPECT_EQ(session.progress().labeled, 1);
  EXPECT_EQ(session.notice(), "#1 labeled short (the suggestion)");

  const auto labeled = store_->labeled_messages(std::nullopt);
  ASSERT_EQ(labeled->size(), 1u);
  const storage::LabelRow& label = labeled->front().label;
  EXPECT_EQ(label.labeler, "alice");
  EXPECT_EQ(label.label, "short");
  EXPECT_EQ(label.created_at, at_seconds(1000));
  EXPECT_NE(label.entities_json.find(R"("symbol":{"value":"BTC/USDT","span":[0,8]})"),
            std::string::npos)
      << label.entities_json;
}

TEST_F(LabelSessionTest, ChoosingNoneStoresNoEntitiesAndAnUnknownLabelIsRefused) {
  LabelSession session = start();
  const core::Status bad = session.choose("maybe");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), core::ErrorCode::kInvalidArgument);
  EXPECT_EQ(shown(session), 1);

  ASSERT_TRUE(session.choose("none").ok());
  const auto labels = store_->labels_for_message(storage::MessageRowId(1));
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ(labels->front().label, "none");
  EXPECT_EQ(labels->front().entities_json, "{}");
}

TEST_F(LabelSessionTest, UndoDeletesTheLastLabelAndShowsItsMessageAgain) {
  LabelSession session = start();
  ASSERT_TRUE(session.choose("long").ok());
  ASSERT_TRUE(session.choose("none").ok());
  EXPECT_EQ(shown(session), 3);
  EXPECT_EQ(session.progress().labeled, 2);

  ASSERT_TRUE(session.undo().ok());
  EXPECT_EQ(shown(session), 2);
  EXPECT_EQ(session.progress().labeled, 1);
  EXPECT_EQ(stored_labels(), "1:long");

  ASSERT_TRUE(session.undo().ok());
  EXPECT_EQ(shown(session), 1);
  EXPECT_EQ(stored_labels(), "");
  ASSERT_TRUE(session.undo().ok());
  EXPECT_EQ(session.notice(), "nothing to undo");
  EXPECT_EQ(shown(session), 1);
}

TEST_F(LabelSessionTest, ASkippedMessageStaysUnlabeledAndComesBackInTheNextSession) {
  LabelSession session = start();
  ASSERT_TRUE(session.skip().ok());
  EXPECT_EQ(shown(session), 2);
  ASSERT_TRUE(session.choose("none").ok());
  ASSERT_TRUE(session.choose("short").ok());
  ASSERT_TRUE(session.choose("update").ok());
  // Message 1 was skipped: nothing is left in this session.
  EXPECT_TRUE(session.done());
  EXPECT_EQ(session.skipped(), 1u);
  EXPECT_EQ(session.progress().labeled, 3);
  EXPECT_EQ(stored_labels(), "2:none 3:short 4:update");

  LabelSession next = start();
  EXPECT_EQ(shown(next), 1);
  ASSERT_TRUE(next.accept().ok());
  EXPECT_TRUE(next.done());
  EXPECT_EQ(next.skipped(), 0u);
  EXPECT_EQ(next.progress().labeled, 4);
}

TEST_F(LabelSessionTest, SearchJumpsToTheNextUnlabeledMatchAndPassedMessagesComeAround) {
  LabelSession session = start();
  ASSERT_TRUE(session.search("BTC").ok());
  EXPECT_EQ(shown(session), 4);
  EXPECT_EQ(session.notice(), "found 'BTC' in #4");

  ASSERT_TRUE(session.search("nowhere").ok());
  EXPECT_EQ(shown(session), 4);
  EXPECT_EQ(session.notice(), "no unlabeled message contains 'nowhere'");

  // From the last message the search wraps around to the first.
  ASSERT_TRUE(session.search("btc").ok());
  EXPECT_EQ(shown(session), 1);
  ASSERT_TRUE(session.search("eth").ok());
  EXPECT_EQ(shown(session), 3);
  ASSERT_TRUE(session.choose("short").ok());
  EXPECT_EQ(shown(session), 4);
  ASSERT_TRUE(session.choose("update").ok());
  // Messages 1 and 2 were passed over by the searches.
  EXPECT_EQ(shown(session), 1);
  ASSERT_TRUE(session.choose("long").ok());
  EXPECT_EQ(shown(session), 2);
  ASSERT_TRUE(session.choose("none").ok());
  EXPECT_TRUE(session.done());
  EXPECT_EQ(stored_labels(), "1:long 2:none 3:short 4:update");
}

TEST_F(LabelSessionTest, LabelersAndChannelsAreSeparate) {
  LabelSession alice = start("alice");
  ASSERT_TRUE(alice.choose("long").ok());
  LabelSession bob = start("bob");
  EXPECT_EQ(shown(bob), 1);
  EXPECT_EQ(bob.progress().labeled, 0);

  LabelSession other_channel(*store_, classifier_, clock_,
                             {.labeler = "alice", .channel = core::ChannelId("file:other")});
  ASSERT_TRUE(other_channel.start().ok());
  EXPECT_TRUE(other_channel.done());
  EXPECT_EQ(other_channel.progress().total, 0);
}

TEST_F(LabelSessionTest, TheSearchPromptReplacesTheKeyHelp) {
  LabelSession session = start();
  const std::string screen = render_label_screen(session, std::string("eth"));
  EXPECT_NE(screen.find("search: eth_"), std::string::npos) << screen;
  EXPECT_EQ(screen.find("[q] quit"), std::string::npos) << screen;
}

}  // namespace
}  // namespace sigtrader::app
