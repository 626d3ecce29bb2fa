#include "app/label_screen.hpp"

#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace sigtrader::app {
namespace {

constexpr std::string_view kRule =
    "────────────────────────────────────────────────────────────────────────────────\n";
constexpr std::string_view kKeys =
    "[Enter/a] accept  [l] long  [s] short  [u] update  [n] none  [z] undo  [Space/k] skip  "
    "[/] search  [q] quit\n";

std::string join_prices(const std::vector<signals::PriceField>& prices) {
  std::string out;
  for (const signals::PriceField& price : prices) {
    if (!out.empty()) out += ", ";
    out += price.value.to_string();
  }
  return out;
}

}  // namespace

std::string describe_fields(const signals::ParsedSignal& parsed) {
  std::vector<std::string> parts;
  if (parsed.symbol) parts.push_back("symbol " + parsed.symbol->to_string());
  if (parsed.side) parts.push_back("side " + std::string(core::to_string(*parsed.side)));
  if (parsed.entry_market) {
    parts.push_back("entry market");
  } else if (!parsed.entries.empty()) {
    parts.push_back("entries " + join_prices(parsed.entries));
  }
  if (!parsed.targets.empty()) parts.push_back("targets " + join_prices(parsed.targets));
  if (parsed.stop_loss) parts.push_back("stop " + parsed.stop_loss->value.to_string());
  if (parsed.leverage) parts.push_back(fmt::format("leverage {}x", *parsed.leverage));
  if (parsed.margin_mode) parts.push_back("margin " + *parsed.margin_mode);
  if (parts.empty()) return "no fields";
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += " · ";
    out += part;
  }
  return out;
}

std::string render_label_screen(const LabelSession& session,
                                const std::optional<std::string>& search) {
  const LabelProgress& progress = session.progress();
  std::string out = fmt::format("sigtrader label · {} · labeled {} of {}", session.labeler(),
                                progress.labeled, progress.total);
  if (session.skipped() > 0) out += fmt::format(" · skipped {}", session.skipped());
  out += "\n";
  out += kRule;
  const LabelCard& card = session.current();
  out += fmt::format("{} · message {} · {}\n\n", card.channel_title,
                     card.message.message_id.value(), card.message.ts_event.to_iso8601());
  out += card.message.text;
  if (out.back() != '\n') out += '\n';
  out += kRule;
  out += fmt::format("suggestion: {} {}% ({})\n", card.suggestion.label,
                     std::lround(card.suggestion.confidence * 100.0), card.suggestion.classifier);
  out += "fields:     " + describe_fields(card.parsed) + "\n";
  for (const std::string& warning : card.parsed.warnings) {
    out += "warning:    " + warning + "\n";
  }
  out += kRule;
  if (search) {
    out += fmt::format("search: {}_   (Enter: find the next unlabeled message, Esc: cancel)\n",
                       *search);
  } else {
    out += kKeys;
  }
  if (!session.notice().empty()) out += session.notice() + "\n";
  return out;
}

}  // namespace sigtrader::app
