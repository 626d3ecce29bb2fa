#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "storage/rows.hpp"

namespace sigtrader::app {

enum class LabelExportFormat { kJsonl, kCsv, kNer };

// "jsonl", "csv", "ner".
std::optional<LabelExportFormat> parse_label_export_format(std::string_view text);

// The labels as training data (`sigtrader label export`):
// - jsonl: one object per label: channel, message_id, ts (the post's time), text, label, labeler,
//   created_at (ISO 8601 UTC) and entities (as stored);
// - csv: RFC 4180 (CRLF line ends, fields with , " CR or LF quoted, quotes doubled) with the
//   columns channel,message_id,label,labeler,created_at,text;
// - ner: CoNLL blocks, one per label: "# id = <channel>:<message id>", "# label = <label>", one
//   "token<TAB>tag" line per token (signals/ner_tokens.hpp), then a blank line.
// kParse when a stored entities_json does not read (naming the message).
core::Result<std::string> format_label_export(const std::vector<storage::LabeledMessage>& labeled,
                                              LabelExportFormat format);

}  // namespace sigtrader::app
