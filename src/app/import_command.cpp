// `sigtrader import telegram-export FILE [--channel NAME] [--db PATH] [--json]` and
// `sigtrader import jsonl FILE [--db PATH] [--json]`: store channel posts from files. Importing
// the same file again adds nothing; a newer export of an edited post adds a version of it. Every
// post and edit is then read (classified, parsed, an update linked to its signal) into a signals
// row, and the channels' statistics are recounted (`sigtrader channels`).
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/message_import.hpp"
#include "app/report_error.hpp"
#include "app/store_opening.hpp"
#include "core/clock.hpp"
#include "signals/jsonl_messages.hpp"
#include "signals/telegram_export.hpp"
#include "storage/sqlite_store.hpp"

namespace sigtrader::app {

namespace {

// How many skipped messages are listed; the rest are only counted.
constexpr std::size_t kListedSkips = 10;

enum class ImportFormat { kTelegramExport, kJsonl };

struct ImportOptions {
  std::string file;
  std::string channel;  // --channel: one chat of a full-account export
  std::string db;       // --db; empty means the config's database.path
  bool json = false;
};

void print_text(const ImportOptions& options, ImportFormat format,
                const signals::ReadSummary& summary, const ImportCounts& counts,
                const std::vector<signals::SkippedMessage>& skips) {
  std::cout << fmt::format("{}: {} messages read from {} {}\n", options.file, summary.messages,
                           summary.chats, summary.chats == 1 ? "channel" : "channels")
            << fmt::format("  new:             {}\n", counts.new_messages)
            << fmt::format("  already stored:  {}\n", counts.already_stored)
            << fmt::format("  edited:          {} (new versions)\n", counts.edited)
            << fmt::format("  signals:         {} ({} long, {} short)\n",
                           counts.longs + counts.shorts, counts.longs, counts.shorts)
            << fmt::format("  updates:         {} ({} linked, {} unlinked)\n",
                           counts.linked_updates + counts.unlinked_updates, counts.linked_updates,
                           counts.unlinked_updates)
            << fmt::format("  none:            {}\n", counts.nones);
  if (format == ImportFormat::kTelegramExport) {
    std::cout << fmt::format("  service:         {} (joins, pins and the like; not posts)\n",
                             summary.service);
    if (!options.channel.empty()) {
      std::cout << fmt::format("  chats left out:  {} (not '{}')\n", summary.chats_left_out,
                               options.channel);
    }
  }
  std::cout << fmt::format("  skipped:         {}\n", summary.skipped);
  for (const signals::SkippedMessage& skip : skips) {
    std::cout << fmt::format("    {}: {}\n", skip.where, skip.reason);
  }
  if (summary.skipped > static_cast<std::int64_t>(skips.size())) std::cout << "    ...\n";
}

void print_json(const ImportOptions& options, const signals::ReadSummary& summary,
                const ImportCounts& counts, const std::vector<signals::SkippedMessage>& skips) {
  boost::json::array skipped;
  for (const signals::SkippedMessage& skip : skips) {
    skipped.push_back(boost::json::object{{"where", skip.where}, {"reason", skip.reason}});
  }
  const boost::json::object out{
      {"file", options.file},
      {"channels", summary.chats},
      {"channels_left_out", summary.chats_left_out},
      {"read", summary.messages},
      {"new", counts.new_messages},
      {"already_stored", counts.already_stored},
      {"edited", counts.edited},
      {"signals", counts.longs + counts.shorts},
      {"longs", counts.longs},
      {"shorts", counts.shorts},
      {"updates", counts.linked_updates + counts.unlinked_updates},
      {"linked_updates", counts.linked_updates},
      {"unlinked_updates", counts.unlinked_updates},
      {"none", counts.nones},
      {"service", summary.service},
      {"skipped", summary.skipped},
      {"skipped_messages", std::move(skipped)},
  };
  std::cout << boost::json::serialize(out) << '\n';
}

int run_import(ImportFormat format, const ImportOptions& options, CliContext& context) {
  const char* command =
      format == ImportFormat::kTelegramExport ? "import telegram-export" : "import jsonl";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(options.file, ec)) {
    return report_error(
        command, core::Error(core::ErrorCode::kIo, fmt::format("{}: no such file", options.file)));
  }
  auto store = open_command_store(options.db, context);
  if (!store.ok()) return report_error(command, store.error());

  auto classifier = open_classifier(context);
  if (!classifier.ok()) return report_error(command, classifier.error());
  core::LiveClock clock;
  MessageImporter importer(**store, clock, classifier->get());
  std::vector<signals::SkippedMessage> skips;
  const signals::MessageSink on_message = [&](signals::Message&& message) {
    return importer.add(std::move(message));
  };
  const signals::SkipSink on_skip = [&](const signals::SkippedMessage& skip) {
    spdlog::warn("{}: {}: skipped {}: {}", command, options.file, skip.where, skip.reason);
    if (skips.size() < kListedSkips) skips.push_back(skip);
  };
  auto summary =
      format == ImportFormat::kTelegramExport
          ? signals::read_telegram_export_file(
                options.file,
                signals::TelegramExportOptions{
                    .chat = options.channel.empty() ? std::nullopt
                                                    : std::optional<std::string>(options.channel)},
                on_message, on_skip)
          : signals::read_jsonl_messages_file(options.file, on_message, on_skip);
  // What was read before a failure is kept: a re-run after fixing the file adds only the rest.
  core::Status flushed = importer.flush();
  // Posts stored are read into signals even when the file broke off: they are kept either way.
  if (flushed.ok()) flushed = importer.record_signals();
  if (!summary.ok()) {
    const ImportCounts& counts = importer.counts();
    return report_error(command,
                        summary.error().with_context(fmt::format(
                            "stopped after storing {} new messages ({} already stored, {} edited)",
                            counts.new_messages, counts.already_stored, counts.edited)));
  }
  if (!flushed.ok()) return report_error(command, flushed.error());
  const ImportCounts& counts = importer.counts();
  spdlog::info(
      "{}: {}: {} read, {} new, {} already stored, {} edited, {} skipped; signals {} long {} "
      "short, "
      "updates {} linked {} unlinked, {} none",
      command, options.file, summary->messages, counts.new_messages, counts.already_stored,
      counts.edited, summary->skipped, counts.longs, counts.shorts, counts.linked_updates,
      counts.unlinked_updates, counts.nones);
  if (options.json) {
    print_json(options, *summary, importer.counts(), skips);
  } else {
    print_text(options, format, *summary, importer.counts(), skips);
  }
  return kExitOk;
}

}  // namespace

void register_import_command(CLI::App& app, CliContext& context) {
  CLI::App* import_app = app.add_subcommand(
      "import", "Store channel posts from files (default database: the config's database.path)");

  auto telegram_options = std::make_shared<ImportOptions>();
  CLI::App* telegram = import_app->add_subcommand(
      "telegram-export",
      "Import Telegram Desktop's \"Export chat history\" JSON (result.json of one chat or of the "
      "whole account); re-importing adds nothing, edits become new versions");
  telegram->add_option("FILE", telegram_options->file, "result.json")->required();
  telegram
      ->add_option("--channel", telegram_options->channel,
                   "Import only the chat with this name (or id) of a full-account export")
      ->type_name("NAME");
  telegram->add_option("--db", telegram_options->db, "Database file")->type_name("PATH");
  telegram->add_flag("--json", telegram_options->json, "Print one JSON object instead of text");
  telegram->callback([&context, telegram_options] {
    context.action = [&context, telegram_options] {
      return run_import(ImportFormat::kTelegramExport, *telegram_options, context);
    };
  });

  auto jsonl_options = std::make_shared<ImportOptions>();
  CLI::App* jsonl = import_app->add_subcommand(
      "jsonl",
      "Import one JSON object per line: {\"text\", \"channel\", \"id\", \"ts\"} (optional "
      "\"reply_to\", \"edited_at\", \"forwarded_from\")");
  jsonl->add_option("FILE", jsonl_options->file, "JSON lines file")->required();
  jsonl->add_option("--db", jsonl_options->db, "Database file")->type_name("PATH");
  jsonl->add_flag("--json", jsonl_options->json, "Print one JSON object instead of text");
  jsonl->callback([&context, jsonl_options] {
    context.action = [&context, jsonl_options] {
      return run_import(ImportFormat::kJsonl, *jsonl_options, context);
    };
  });
}

}  // namespace sigtrader::app
