// `sigtrader label [--db PATH] [--labeler NAME] [--channel ID]`: label stored messages one key at a
// time in the terminal, with the classifier's suggestion and the parsed fields on screen.
// `sigtrader label export --format jsonl|csv|ner [--out FILE] [--labeler NAME] [--db PATH]`: the
// labels as training data.
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <unistd.h>

#include "app/atomic_file.hpp"
#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/label_export.hpp"
#include "app/label_screen.hpp"
#include "app/label_session.hpp"
#include "app/report_error.hpp"
#include "app/store_opening.hpp"
#include "app/terminal.hpp"
#include "core/clock.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {

namespace {

constexpr std::string_view kLabelCommand = "label";
constexpr std::string_view kExportCommand = "label export";

struct LabelOptions {
  std::string db;  // empty: the config's database.path
  std::string labeler;
  std::string channel;
};

struct ExportOptions {
  std::string db;
  std::string format;
  std::string out;  // empty: stdout
  std::string labeler;
};

int usage_error(std::string_view command, core::Error error) {
  report_error(command, error);
  return kExitUsage;
}

// Labeling stops here when the labeler quits, and returns to the caller when nothing is left.
enum class LoopEnd { kQuit, kDone };

// Draws the session and applies keys until the labeler quits or nothing is left.
core::Result<LoopEnd> label_loop(LabelSession& session, Terminal& terminal) {
  std::optional<std::string> search;  // the text typed after '/', while searching
  while (!session.done()) {
    terminal.draw(render_label_screen(session, search));
    const Key key = terminal.read_key();
    if (key.kind == Key::Kind::kClosed || key.kind == Key::Kind::kInterrupt) return LoopEnd::kQuit;
    if (search) {
      if (key.kind == Key::Kind::kEnter) {
        const std::string fragment = std::move(*search);
        search.reset();
        SIGTRADER_RETURN_IF_ERROR(session.search(fragment));
      } else if (key.kind == Key::Kind::kEscape) {
        search.reset();
      } else if (key.kind == Key::Kind::kBackspace && !search->empty()) {
        // Drop the last UTF-8 character: its continuation bytes, then its lead byte.
        while (!search->empty() && (static_cast<unsigned char>(search->back()) & 0xc0) == 0x80)
          search->pop_back();
        if (!search->empty()) search->pop_back();
      } else if (key.kind == Key::Kind::kText) {
        *search += key.text;
      }
      continue;
    }
    if (key.kind == Key::Kind::kEnter) {
      SIGTRADER_RETURN_IF_ERROR(session.accept());
    } else if (key.kind == Key::Kind::kBackspace) {
      SIGTRADER_RETURN_IF_ERROR(session.undo());
    } else if (key.kind == Key::Kind::kText) {
      const std::string& text = key.text;
      if (text == "a") {
        SIGTRADER_RETURN_IF_ERROR(session.accept());
      } else if (text == "l") {
        SIGTRADER_RETURN_IF_ERROR(session.choose("long"));
      } else if (text == "s") {
        SIGTRADER_RETURN_IF_ERROR(session.choose("short"));
      } else if (text == "u") {
        SIGTRADER_RETURN_IF_ERROR(session.choose("update"));
      } else if (text == "n") {
        SIGTRADER_RETURN_IF_ERROR(session.choose("none"));
      } else if (text == "z") {
        SIGTRADER_RETURN_IF_ERROR(session.undo());
      } else if (text == " " || text == "k") {
        SIGTRADER_RETURN_IF_ERROR(session.skip());
      } else if (text == "/") {
        search.emplace();
      } else if (text == "q") {
        return LoopEnd::kQuit;
      }
    }
  }
  return LoopEnd::kDone;
}

void print_summary(const LabelSession& session, LoopEnd end) {
  const LabelProgress& progress = session.progress();
  if (end == LoopEnd::kQuit) {
    std::cout << fmt::format("labeled {} of {} messages; every label given is saved\n",
                             progress.labeled, progress.total);
  } else if (session.skipped() == 0) {
    std::cout << fmt::format("all {} messages are labeled\n", progress.total);
  } else {
    std::cout << fmt::format(
        "no message left: {} of {} labeled, {} skipped (shown again next time)\n", progress.labeled,
        progress.total, session.skipped());
  }
}

int run_label(const LabelOptions& options, CliContext& context) {
  if (isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1) {
    return usage_error(
        kLabelCommand,
        core::Error(core::ErrorCode::kInvalidArgument,
                    "labeling is interactive and needs a terminal on stdin and stdout; run it in "
                    "a terminal, or read the stored labels with `sigtrader label export --format "
                    "jsonl|csv|ner`"));
  }
  auto store = open_command_store(options.db, context, {.create_if_missing = false});
  if (!store.ok()) return report_error(kLabelCommand, store.error());
  std::optional<core::ChannelId> channel;
  if (!options.channel.empty()) {
    channel = core::ChannelId(options.channel);
    const auto found = (*store)->find_channel(*channel);
    if (!found.ok()) return report_error(kLabelCommand, found.error());
  }
  auto classifier = open_classifier(context);
  if (!classifier.ok()) return report_error(kLabelCommand, classifier.error());

  std::string labeler = options.labeler;
  if (labeler.empty()) labeler = std::string(context.environment.get("USER").value_or(""));
  if (labeler.empty()) labeler = "me";

  core::LiveClock clock;
  LabelSession session(**store, **classifier, clock,
                       LabelSessionOptions{.labeler = labeler, .channel = channel});
  if (auto started = session.start(); !started.ok()) {
    return report_error(kLabelCommand, started.error());
  }
  if (session.progress().total == 0) {
    std::cout << "no messages are stored; import some with `sigtrader import`\n";
    return kExitOk;
  }
  core::Result<LoopEnd> end = LoopEnd::kDone;
  if (!session.done()) {
    auto terminal = Terminal::open(STDIN_FILENO, STDOUT_FILENO);
    if (!terminal.ok()) return usage_error(kLabelCommand, terminal.error());
    end = label_loop(session, **terminal);
    // The terminal is restored here, before anything else is printed.
  }
  if (!end.ok()) return report_error(kLabelCommand, end.error());
  print_summary(session, *end);
  return kExitOk;
}

int run_export(const ExportOptions& options, CliContext& context) {
  const auto format = parse_label_export_format(options.format);
  if (!format) {
    return usage_error(
        kExportCommand,
        core::Error(core::ErrorCode::kInvalidArgument,
                    fmt::format("--format '{}': expected jsonl, csv or ner", options.format)));
  }
  auto store = open_command_store(options.db, context, {.create_if_missing = false});
  if (!store.ok()) return report_error(kExportCommand, store.error());
  auto labeled = (*store)->labeled_messages(
      options.labeler.empty() ? std::nullopt : std::optional<std::string>(options.labeler));
  if (!labeled.ok()) return report_error(kExportCommand, labeled.error());
  auto text = format_label_export(*labeled, *format);
  if (!text.ok()) return report_error(kExportCommand, text.error());
  if (options.out.empty()) {
    std::cout << *text << std::flush;
    return kExitOk;
  }
  if (auto written = write_atomically(options.out, *text); !written.ok()) {
    return report_error(kExportCommand, written.error());
  }
  std::cerr << fmt::format("{}: {} labels written\n", options.out, labeled->size());
  return kExitOk;
}

}  // namespace

void register_label_command(CLI::App& app, CliContext& context) {
  auto label_options = std::make_shared<LabelOptions>();
  CLI::App* label = app.add_subcommand(
      "label",
      "Label stored messages in the terminal: Enter/a accepts the suggestion, l/s/u/n choose "
      "long/short/update/none, z undoes, Space/k skips, / searches, q quits");
  label->add_option("--db", label_options->db, "Database file (default: database.path)")
      ->type_name("PATH");
  label->add_option("--labeler", label_options->labeler, "Who labels (default: $USER, else me)")
      ->type_name("NAME");
  label->add_option("--channel", label_options->channel, "Only this channel's messages")
      ->type_name("ID");

  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* export_app = label->add_subcommand(
      "export",
      "Write the labels as training data: jsonl (with the entities), csv, or ner (CoNLL tokens "
      "with BIO tags)");
  export_app->add_option("--format", export_options->format, "jsonl, csv or ner")
      ->required()
      ->check(CLI::IsMember({"jsonl", "csv", "ner"}))
      ->type_name("FORMAT");
  export_app->add_option("--out", export_options->out, "Output file (default: stdout)")
      ->type_name("FILE");
  export_app->add_option("--labeler", export_options->labeler, "Only this labeler's labels")
      ->type_name("NAME");
  export_app->add_option("--db", export_options->db, "Database file (default: database.path)")
      ->type_name("PATH");
  export_app->callback([&context, export_options] {
    context.action = [&context, export_options] { return run_export(*export_options, context); };
  });

  label->callback([&context, label, export_app, label_options] {
    if (label->got_subcommand(export_app)) return;
    context.action = [&context, label_options] { return run_label(*label_options, context); };
  });
}

}  // namespace sigtrader::app
