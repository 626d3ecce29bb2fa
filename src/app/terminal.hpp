#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <termios.h>

#include "core/result.hpp"

namespace sigtrader::app {

// A key press read from a terminal in raw mode.
struct Key {
  enum class Kind {
    kText,       // a printable character (one UTF-8 character, in `text`)
    kEnter,      // Enter / Return
    kBackspace,  // Backspace or Delete
    kEscape,     // Esc alone
    kInterrupt,  // Ctrl-C or Ctrl-D
    kOther,      // arrows, function keys, other control keys
    kClosed,     // the terminal is gone (end of input)
  };
  Kind kind = Kind::kOther;
  std::string text;
};

// The terminal an interactive command runs on: raw keyboard input (no echo, no line buffering,
// Ctrl-C as a key) and whole-screen drawing on the alternate screen. The terminal's settings are
// restored when the object is destroyed, and also when SIGINT, SIGTERM or SIGHUP end the process.
class Terminal {
 public:
  // kInvalidArgument when `in` or `out` is not a terminal.
  static core::Result<std::unique_ptr<Terminal>> open(int in, int out);
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;
  ~Terminal();

  // Clears the screen and writes `screen` from the top left ('\n' ends a line).
  void draw(std::string_view screen);
  // Waits for the next key.
  Key read_key();

 private:
  Terminal(int in, int out, const termios& saved);
  void write_all(std::string_view text) const;

  int in_;
  int out_;
  termios saved_;
};

}  // namespace sigtrader::app
