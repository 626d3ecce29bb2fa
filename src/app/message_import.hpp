#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "signals/message.hpp"
#include "storage/store.hpp"

namespace sigtrader::app {

// How an import went, message by message.
struct ImportCounts {
  std::int64_t new_messages = 0;
  std::int64_t already_stored = 0;
  std::int64_t edited = 0;  // stored posts whose newer edit added a version
};

// Writes messages read from an export into the store, in transactions of up to 1000 messages, and
// creates (or renames) their channels on the way. A message is stored with ts_init = its edit
// time when it was already edited (the export does not hold the text it replaced, so that text is
// not known before the edit), else its post time: a historical import is replayed as a live
// listener would have received it, and an edit never leaks backwards.
class MessageImporter {
 public:
  MessageImporter(storage::Store& store, const core::Clock& clock);

  core::Status add(signals::Message&& message);
  // Writes what is still buffered; call once at the end.
  core::Status flush();
  const ImportCounts& counts() const { return counts_; }

 private:
  core::Status ensure_channel(const signals::Message& message);

  storage::Store& store_;
  const core::Clock& clock_;
  std::vector<signals::Message> batch_;
  std::map<std::string, std::string> channel_titles_;  // stored channels by id
  ImportCounts counts_;
};

}  // namespace sigtrader::app
