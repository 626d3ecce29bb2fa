// libFuzzer target for the Telegram Desktop export reader: any bytes, fed as an export file, give
// messages or a clear error, never a crash, a hang or unbounded memory. The same bytes fed in one
// piece, in two pieces split anywhere, and byte by byte read the same messages and end the same
// way, because pieces may split the JSON anywhere.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "signals/telegram_export.hpp"

namespace {

using sigtrader::signals::Message;
using sigtrader::signals::SkippedMessage;
using sigtrader::signals::TelegramExportOptions;
using sigtrader::signals::TelegramExportReader;

void require(bool condition, const char* property) {
  if (condition) return;
  std::fprintf(stderr, "telegram_export_fuzz: %s\n", property);
  std::abort();
}

// What one reading saw: a line per message and per skip, and how it ended.
struct Reading {
  std::vector<std::string> events;
  std::string ending;
  friend bool operator==(const Reading&, const Reading&) = default;
};

Reading read_in_pieces(std::string_view bytes, const std::vector<std::size_t>& cuts) {
  Reading reading;
  TelegramExportReader reader(
      TelegramExportOptions{},
      [&reading](Message&& message) {
        require(message.source == "telegram", "messages come from telegram");
        require(message.channel_id.str().starts_with("telegram:"),
                "channel ids start with telegram:");
        reading.events.push_back(message.channel_id.str() + "/" +
                                 std::to_string(message.id.value()) + ": " + message.text);
        return sigtrader::core::Status{};
      },
      [&reading](const SkippedMessage& skipped) {
        require(!skipped.reason.empty(), "a skipped message says why");
        reading.events.push_back("skip: " + skipped.reason);
      });
  std::size_t from = 0;
  for (std::size_t cut : cuts) {
    if (const auto fed = reader.feed(bytes.substr(from, cut - from)); !fed.ok()) {
      require(!fed.error().message().empty(), "an error says what is wrong");
      reading.ending = fed.error().message();
      return reading;
    }
    from = cut;
  }
  const auto finished = reader.finish();
  if (finished) {
    require(
        finished->messages == static_cast<std::int64_t>(reading.events.size()) - finished->skipped,
        "the summary counts what was delivered and skipped");
    reading.ending = "ok";
  } else {
    require(!finished.error().message().empty(), "an error says what is wrong");
    reading.ending = finished.error().message();
  }
  return reading;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const Reading whole = read_in_pieces(bytes, {size});
  const std::size_t middle = size == 0 ? 0 : (static_cast<std::size_t>(data[0]) * 131) % size;
  require(read_in_pieces(bytes, {middle, size}) == whole, "a split anywhere reads the same");
  if (size <= 512) {
    std::vector<std::size_t> every_byte;
    for (std::size_t i = 1; i <= size; ++i)
      every_byte.push_back(i);
    require(read_in_pieces(bytes, every_byte) == whole, "byte by byte reads the same");
  }
  // The stream reader is the one the CLI uses; it ends the same way.
  std::istringstream stream{std::string(bytes)};
  const auto streamed = sigtrader::signals::read_telegram_export(
      stream, TelegramExportOptions{}, [](Message&&) { return sigtrader::core::Status{}; },
      [](const SkippedMessage&) {});
  require(streamed.ok() == (whole.ending == "ok"), "the stream reader ends the same way");
  return 0;
}
