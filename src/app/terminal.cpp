#include "app/terminal.hpp"

#include <cerrno>
#include <csignal>

#include <poll.h>
#include <unistd.h>

namespace sigtrader::app {
namespace {

constexpr std::string_view kEnterScreen = "\x1b[?1049h\x1b[?25l";  // alternate screen, no cursor
constexpr std::string_view kLeaveScreen = "\x1b[?25h\x1b[?1049l";
constexpr std::string_view kClearScreen = "\x1b[H\x1b[2J";
// How long the rest of an escape sequence (an arrow key) may take to follow its Esc.
constexpr int kEscapeSequenceMs = 50;

// What a signal handler needs to put the terminal back; only one Terminal is open at a time.
volatile sig_atomic_t g_restore_armed = 0;
int g_restore_in = -1;
int g_restore_out = -1;
termios g_restore_settings{};

constexpr int kRestoreSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

extern "C" void restore_and_reraise(int signal_number) {
  // Only async-signal-safe calls here.
  if (g_restore_armed != 0) {
    tcsetattr(g_restore_in, TCSANOW, &g_restore_settings);
    [[maybe_unused]] const ssize_t ignored =
        write(g_restore_out, kLeaveScreen.data(), kLeaveScreen.size());
  }
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// The length of the UTF-8 character that starts with `lead`.
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

bool input_within(int fd, int milliseconds) {
  pollfd waiting{fd, POLLIN, 0};
  return poll(&waiting, 1, milliseconds) > 0;
}

}  // namespace

core::Result<std::unique_ptr<Terminal>> Terminal::open(int in, int out) {
  termios saved{};
  if (isatty(in) != 1 || isatty(out) != 1 || tcgetattr(in, &saved) != 0) {
    return core::Error(core::ErrorCode::kInvalidArgument,
                       "this command is interactive: it needs a terminal on stdin and stdout");
  }
  return std::unique_ptr<Terminal>(new Terminal(in, out, saved));
}

Terminal::Terminal(int in, int out, const termios& saved) : in_(in), out_(out), saved_(saved) {
  g_restore_in = in_;
  g_restore_out = out_;
  g_restore_settings = saved_;
  g_restore_armed = 1;
  for (const int signal_number : kRestoreSignals)
    std::signal(signal_number, restore_and_reraise);

  termios raw = saved_;
  raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO | ISIG | IEXTEN);
  raw.c_iflag &= ~static_cast<tcflag_t>(IXON | ICRNL);
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  tcsetattr(in_, TCSANOW, &raw);
  write_all(kEnterScreen);
}

Terminal::~Terminal() {
  write_all(kLeaveScreen);
  tcsetattr(in_, TCSANOW, &saved_);
  g_restore_armed = 0;
  for (const int signal_number : kRestoreSignals)
    std::signal(signal_number, SIG_DFL);
}

void Terminal::write_all(std::string_view text) const {
  while (!text.empty()) {
    const ssize_t written = write(out_, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;  // the terminal is gone; read_key() will say so
    text.remove_prefix(static_cast<std::size_t>(written));
  }
}

void Terminal::draw(std::string_view screen) {
  std::string frame(kClearScreen);
  frame.reserve(frame.size() + screen.size() + screen.size() / 40);
  // Raw mode leaves output processing on, but say \r\n explicitly so no setting can stair-step.
  for (const char c : screen) {
    if (c == '\n') frame += '\r';
    frame += c;
  }
  write_all(frame);
}

Key Terminal::read_key() {
  const auto read_byte = [this](unsigned char& byte) {
    for (;;) {
      const ssize_t n = read(in_, &byte, 1);
      if (n == 1) return true;
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
  };
  unsigned char byte = 0;
  if (!read_byte(byte)) return Key{Key::Kind::kClosed, ""};
  switch (byte) {
    case '\r':
    case '\n':
      return Key{Key::Kind::kEnter, ""};
    case 0x7f:
    case 0x08:
      return Key{Key::Kind::kBackspace, ""};
    case 0x03:
    case 0x04:
      return Key{Key::Kind::kInterrupt, ""};
    case 0x1b: {
      if (!input_within(in_, kEscapeSequenceMs)) return Key{Key::Kind::kEscape, ""};
      // An escape sequence: ESC [ parameters final-byte, or ESC O x. Read it and ignore it.
      unsigned char next = 0;
      if (!read_byte(next)) return Key{Key::Kind::kClosed, ""};
      if (next == '[' || next == 'O') {
        while (input_within(in_, kEscapeSequenceMs) && read_byte(next)) {
          if (next >= 0x40 && next <= 0x7e) break;
        }
      }
      return Key{Key::Kind::kOther, ""};
    }
    default:
      break;
  }
  if (byte < 0x20) return Key{Key::Kind::kOther, ""};
  std::string text(1, static_cast<char>(byte));
  for (std::size_t i = 1; i < utf8_length(byte); ++i) {
    unsigned char continuation = 0;
    if (!read_byte(continuation)) return Key{Key::Kind::kClosed, ""};
    text += static_cast<char>(continuation);
  }
  return Key{Key::Kind::kText, std::move(text)};
}

}  // namespace sigtrader::app
