// `sigtrader parse [FILE|-] [--telegram-export FILE]`: reads posts and writes, one JSON object per
// post, what sigtrader understands of each — label, confidence, coin, side, entries, targets,
// stop, leverage, update and warnings — with the input's other keys passed through.
#include <cstdint>
#include <fstream>
#include <iostream>
#include <istream>
#include <memory>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/classifier_loading.hpp"
#include "app/commands.hpp"
#include "app/report_error.hpp"
#include "signals/telegram_export.hpp"
#include "signals/understood_post.hpp"
#include "signals/understood_post_json.hpp"

namespace sigtrader::app {
namespace {

namespace json = boost::json;

constexpr const char* kCommand = "parse";

struct ParseOptions {
  std::string file = "-";  // JSON lines; "-" is standard input
  std::string telegram_export;
};

// Lines that could not be read are reported on stderr with their number and counted; the others
// are still written, so one bad line never costs the rest.
struct ParseCounts {
  std::int64_t posts = 0;
  std::int64_t bad_lines = 0;
};

void write_post(json::object& object, std::string_view text,
                const signals::SignalClassifier& classifier) {
  signals::put_understood_post(object, signals::understand_post(text, classifier));
  std::cout << json::serialize(object) << '\n';
}

ParseCounts parse_lines(std::istream& in, const std::string& name,
                        const signals::SignalClassifier& classifier) {
  ParseCounts counts;
  std::string line;
  std::int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    boost::system::error_code error;
    json::value value = json::parse(line, error);
    std::string problem;
    if (error) {
      problem = "not JSON: " + error.message();
    } else if (!value.is_object()) {
      problem = "not a JSON object";
    } else if (const json::value* text = value.get_object().if_contains("text");
               text == nullptr || !text->is_string()) {
      problem = "\"text\" is missing or not a string";
    }
    if (!problem.empty()) {
      spdlog::error("{}: {}:{}: {}", kCommand, name, number, problem);
      ++counts.bad_lines;
      continue;
    }
    json::object& object = value.get_object();
    const std::string text(object.at("text").get_string());
    write_post(object, text, classifier);
    ++counts.posts;
  }
  return counts;
}

int run_parse(const ParseOptions& options, CliContext& context) {
  auto classifier = open_classifier(context);
  if (!classifier.ok()) return report_error(kCommand, classifier.error());
  ParseCounts counts;
  if (!options.telegram_export.empty()) {
    const signals::MessageSink on_message = [&](signals::Message&& message) -> core::Status {
      json::object object{{"channel", message.channel_id.str()},
                          {"id", message.id.value()},
                          {"ts", message.ts.to_iso8601()},
                          {"text", message.text}};
      if (message.reply_to) object["reply_to"] = message.reply_to->value();
      write_post(object, message.text, **classifier);
      ++counts.posts;
      return {};
    };
    const signals::SkipSink on_skip = [&](const signals::SkippedMessage& skip) {
      spdlog::warn("{}: {}: skipped {}: {}", kCommand, options.telegram_export, skip.where,
                   skip.reason);
    };
    auto summary =
        signals::read_telegram_export_file(options.telegram_export, {}, on_message, on_skip);
    if (!summary.ok()) return report_error(kCommand, summary.error());
  } else if (options.file == "-") {
    counts = parse_lines(std::cin, "stdin", **classifier);
  } else {
    std::ifstream in(options.file);
    if (!in) {
      return report_error(kCommand, core::Error(core::ErrorCode::kIo,
                                                fmt::format("{}: cannot open it", options.file)));
    }
    counts = parse_lines(in, options.file, **classifier);
  }
  std::cout.flush();
  if (counts.bad_lines > 0) {
    return report_error(
        kCommand, core::Error(core::ErrorCode::kParse,
                              fmt::format("{} of {} lines could not be read (listed above); "
                                          "the others were written",
                                          counts.bad_lines, counts.bad_lines + counts.posts)));
  }
  return kExitOk;
}

}  // namespace

void register_parse_command(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ParseOptions>();
  CLI::App* parse = app.add_subcommand(
      "parse",
      "Read posts and write one JSON object per post: label, confidence, symbol, side, entries, "
      "targets, stop_loss, leverage, update, warnings (input keys are passed through)");
  parse->add_option("FILE", options->file,
                    "JSON lines with a \"text\" key; - (the default) reads standard input");
  parse
      ->add_option("--telegram-export", options->telegram_export,
                   "Read a Telegram Desktop export (result.json) instead")
      ->type_name("FILE");
  parse->callback([&context, options] {
    context.action = [&context, options] { return run_parse(*options, context); };
  });
}

}  // namespace sigtrader::app
