#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/message.hpp"
#include "signals/signal_classifier.hpp"
#include "storage/store.hpp"

namespace sigtrader::app {

// How an import went, message by message.
struct ImportCounts {
  std::int64_t new_messages = 0;
  std::int64_t already_stored = 0;
  std::int64_t edited = 0;  // stored posts whose newer edit added a version
  // Signals rows stored for the texts read (one per version of a post; record_signals()).
  std::int64_t longs = 0;
  std::int64_t shorts = 0;
  std::int64_t linked_updates = 0;
  std::int64_t unlinked_updates = 0;
  std::int64_t nones = 0;
};

// Writes messages read from an export into the store, in transactions of up to 1000 messages, and
// creates (or renames) their channels on the way. A message is stored with ts_init = its edit
// time when it was already edited (the export does not hold the text it replaced, so that text is
// not known before the edit), else its post time: a historical import is replayed as a live
// listener would have received it, and an edit never leaks backwards.
class MessageImporter {
 public:
  // With a classifier, record_signals() reads what was stored; without one, only posts are kept.
  MessageImporter(storage::Store& store, const core::Clock& clock,
                  const signals::SignalClassifier* classifier = nullptr);

  core::Status add(signals::Message&& message);
  // Writes what is still buffered; call once at the end.
  core::Status flush();
  // After flush(): reads every new post and edit (and any stored post not read yet) of the
  // channels imported into signals rows — in ts_init order per channel, so an update links to
  // the signal it follows even when the file lists it first — and recounts the statistics of
  // every channel imported.
  core::Status record_signals();
  const ImportCounts& counts() const { return counts_; }

 private:
  core::Status ensure_channel(const signals::Message& message);

  storage::Store& store_;
  const core::Clock& clock_;
  const signals::SignalClassifier* classifier_;
  std::vector<signals::Message> batch_;
  // Per channel, the earliest ts_init of a text stored but not read into a signal yet.
  std::map<std::string, core::Timestamp> unread_from_;
  std::map<std::string, std::string> channel_titles_;  // stored channels by id
  ImportCounts counts_;
};

// Imports one signal file (*.json: a Telegram Desktop export, anything else: JSON lines) into the
// store and reads its posts into signals rows; importing a file again adds nothing. Skipped
// messages are logged as warnings under `command`. Returns the channels the file's posts are of;
// kNotFound when the file does not exist.
core::Result<std::set<std::string>> import_signal_file(storage::Store& store,
                                                       const signals::SignalClassifier& classifier,
                                                       const std::filesystem::path& file,
                                                       std::string_view command);

}  // namespace sigtrader::app
