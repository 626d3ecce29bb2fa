#include "app/label_session.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <fmt/format.h>

#include "core/assert.hpp"
#include "signals/entities_json.hpp"

namespace sigtrader::app {
namespace {

constexpr std::array<std::string_view, 4> kLabels = {"long", "short", "update", "none"};

bool is_label(std::string_view label) {
  return std::find(kLabels.begin(), kLabels.end(), label) != kLabels.end();
}

}  // namespace

LabelSession::LabelSession(storage::Store& store, const signals::SignalClassifier& classifier,
                           const core::Clock& clock, LabelSessionOptions options)
    : store_(store), classifier_(classifier), clock_(clock), options_(std::move(options)) {}

core::Status LabelSession::start() {
  SIGTRADER_RETURN_IF_ERROR(refresh_progress());
  return show_next(storage::MessageRowId());
}

const LabelCard& LabelSession::current() const {
  SIGTRADER_ASSERT(current_.has_value(), "current() of a finished label session");
  return *current_;
}

core::Status LabelSession::accept() {
  if (!current_) return {};
  return label_current(current_->suggestion.label, true);
}

core::Status LabelSession::choose(std::string_view label) {
  if (!is_label(label)) {
    return core::Error(
        core::ErrorCode::kInvalidArgument,
        fmt::format("'{}' is not a label; expected long, short, update or none", label));
  }
  if (!current_) return {};
  return label_current(std::string(label), false);
}

core::Status LabelSession::label_current(const std::string& label, bool suggested) {
  const LabelCard& card = *current_;
  // A post that is no signal has no fields to learn from.
  const std::string entities = label == "none"
                                   ? std::string("{}")
                                   : signals::entities_to_json(signals::entities_from_parsed(
                                         card.message.text, card.parsed));
  const storage::LabelRow row{
      .id = {},
      .message = card.message.id,
      .labeler = options_.labeler,
      .label = label,
      .entities_json = entities,
      .created_at = clock_.now(),
  };
  SIGTRADER_TRY(const storage::LabelRowId stored, store_.put_label(row));
  (void)stored;
  notice_ = fmt::format("#{} labeled {}{}", card.message.message_id.value(), label,
                        suggested ? " (the suggestion)" : "");
  labeled_.push_back(std::move(*current_));
  current_.reset();
  SIGTRADER_RETURN_IF_ERROR(refresh_progress());
  return show_next(labeled_.back().message.id);
}

core::Status LabelSession::undo() {
  if (labeled_.empty()) {
    notice_ = "nothing to undo";
    return {};
  }
  LabelCard card = std::move(labeled_.back());
  labeled_.pop_back();
  const core::Status deleted = store_.delete_label(card.message.id, options_.labeler);
  // Gone already (another session undid it): the message is unlabeled either way.
  if (!deleted.ok() && deleted.error().code() != core::ErrorCode::kNotFound) return deleted;
  notice_ = fmt::format("undid the label of #{}", card.message.message_id.value());
  skipped_.erase(card.message.id);
  current_ = std::move(card);
  return refresh_progress();
}

core::Status LabelSession::skip() {
  if (!current_) return {};
  const storage::MessageRowId id = current_->message.id;
  notice_ =
      fmt::format("skipped #{} (shown again next time)", current_->message.message_id.value());
  skipped_.insert(id);
  return show_next(id);
}

core::Status LabelSession::search(std::string_view fragment) {
  if (fragment.empty()) {
    notice_ = "search: nothing typed";
    return {};
  }
  const storage::MessageRowId from = current_ ? current_->message.id : storage::MessageRowId();
  SIGTRADER_TRY(std::optional<storage::MessageRow> found, find_unlabeled(from, fragment, true));
  if (!found) {
    SIGTRADER_TRY(std::optional<storage::MessageRow> wrapped,
                  find_unlabeled(storage::MessageRowId(), fragment, true));
    found = std::move(wrapped);
  }
  if (!found) {
    notice_ = fmt::format("no unlabeled message contains '{}'", fragment);
    return {};
  }
  notice_ = fmt::format("found '{}' in #{}", fragment, found->message_id.value());
  skipped_.erase(found->id);
  SIGTRADER_TRY(LabelCard card, make_card(std::move(*found)));
  current_ = std::move(card);
  return {};
}

core::Result<std::optional<storage::MessageRow>> LabelSession::find_unlabeled(
    storage::MessageRowId after, std::string_view fragment, bool include_skipped) {
  // Enough rows that at least one is not skipped, when there is such a row.
  const std::size_t limit = include_skipped ? 1 : skipped_.size() + 1;
  SIGTRADER_TRY(std::vector<storage::MessageRow> messages,
                store_.unlabeled_messages(storage::UnlabeledQuery{
                    .labeler = options_.labeler,
                    .channel = options_.channel,
                    .containing = std::string(fragment),
                    .after = after,
                    .limit = limit,
                }));
  for (storage::MessageRow& message : messages) {
    if (include_skipped || !skipped_.contains(message.id)) {
      return std::optional<storage::MessageRow>(std::move(message));
    }
  }
  return std::optional<storage::MessageRow>();
}

core::Status LabelSession::show_next(storage::MessageRowId after) {
  SIGTRADER_TRY(std::optional<storage::MessageRow> next, find_unlabeled(after, "", false));
  if (!next && after != storage::MessageRowId()) {
    // Messages passed over by a search or an undo come around again.
    SIGTRADER_TRY(std::optional<storage::MessageRow> wrapped,
                  find_unlabeled(storage::MessageRowId(), "", false));
    next = std::move(wrapped);
  }
  if (!next) {
    current_.reset();
    return {};
  }
  SIGTRADER_TRY(LabelCard card, make_card(std::move(*next)));
  current_ = std::move(card);
  return {};
}

core::Result<LabelCard> LabelSession::make_card(storage::MessageRow message) {
  auto title = channel_titles_.find(message.channel_id);
  if (title == channel_titles_.end()) {
    const auto channel = store_.find_channel(message.channel_id);
    if (!channel.ok() && channel.error().code() != core::ErrorCode::kNotFound) {
      return channel.error();
    }
    title = channel_titles_
                .emplace(message.channel_id, channel.ok() && !channel->title.empty()
                                                 ? channel->title
                                                 : message.channel_id.str())
                .first;
  }
  LabelCard card{.message = std::move(message),
                 .channel_title = title->second,
                 .parsed = {},
                 .suggestion = {}};
  card.parsed = signals::parse_signal(card.message.text);
  card.suggestion = classifier_.classify(card.message.text, card.parsed);
  return card;
}

core::Status LabelSession::refresh_progress() {
  SIGTRADER_TRY(progress_.total, store_.count_messages(options_.channel));
  SIGTRADER_TRY(progress_.labeled, store_.count_labeled(options_.labeler, options_.channel));
  return {};
}

}  // namespace sigtrader::app
