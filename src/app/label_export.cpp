#include "app/label_export.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include "signals/entities_json.hpp"
#include "signals/ner_tokens.hpp"

namespace sigtrader::app {
namespace {

std::string where(const storage::LabeledMessage& item) {
  return fmt::format("the label by '{}' of message {} of '{}'", item.label.labeler,
                     item.message.message_id.value(), item.message.channel_id.str());
}

core::Result<std::string> jsonl_line(const storage::LabeledMessage& item) {
  boost::json::error_code ec;
  boost::json::value entities = boost::json::parse(item.label.entities_json, ec);
  if (ec) {
    return core::Error(core::ErrorCode::kParse,
                       fmt::format("{}: entities_json is not JSON: {}", where(item), ec.message()));
  }
  const boost::json::object out{
      {"channel", item.message.channel_id.str()},
      {"message_id", item.message.message_id.value()},
      {"ts", item.message.ts_event.to_iso8601()},
      {"text", item.message.text},
      {"label", item.label.label},
      {"labeler", item.label.labeler},
      {"created_at", item.label.created_at.to_iso8601()},
      {"entities", std::move(entities)},
  };
  return boost::json::serialize(out) + "\n";
}

// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string csv_line(const storage::LabeledMessage& item) {
  return fmt::format("{},{},{},{},{},{}\r\n", csv_field(item.message.channel_id.str()),
                     item.message.message_id.value(), csv_field(item.label.label),
                     csv_field(item.label.labeler), item.label.created_at.to_iso8601(),
                     csv_field(item.message.text));
}

core::Result<std::string> ner_block(const storage::LabeledMessage& item) {
  auto entities = signals::entities_from_json(item.label.entities_json);
  if (!entities.ok()) return entities.error().with_context(where(item));
  std::string out = fmt::format("# id = {}:{}\n# label = {}\n", item.message.channel_id.str(),
                                item.message.message_id.value(), item.label.label);
  for (const signals::TaggedToken& token : signals::bio_tag(item.message.text, *entities)) {
    out += fmt::format("{}\t{}\n", token.text, token.tag);
  }
  out += "\n";
  return out;
}

}  // namespace

std::optional<LabelExportFormat> parse_label_export_format(std::string_view text) {
  if (text == "jsonl") return LabelExportFormat::kJsonl;
  if (text == "csv") return LabelExportFormat::kCsv;
  if (text == "ner") return LabelExportFormat::kNer;
  return std::nullopt;
}

core::Result<std::string> format_label_export(const std::vector<storage::LabeledMessage>& labeled,
                                              LabelExportFormat format) {
  std::string out;
  if (format == LabelExportFormat::kCsv)
    out = "channel,message_id,label,labeler,created_at,text\r\n";
  for (const storage::LabeledMessage& item : labeled) {
    switch (format) {
      case LabelExportFormat::kJsonl: {
        SIGTRADER_TRY(std::string line, jsonl_line(item));
        out += line;
        break;
      }
      case LabelExportFormat::kCsv:
        out += csv_line(item);
        break;
      case LabelExportFormat::kNer: {
        SIGTRADER_TRY(std::string block, ner_block(item));
        out += block;
        break;
      }
    }
  }
  return out;
}

}  // namespace sigtrader::app
