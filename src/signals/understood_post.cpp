#include "signals/understood_post.hpp"

#include <utility>

#include <fmt/format.h>

namespace sigtrader::signals {

UnderstoodPost understand_post(std::string_view text, const SignalClassifier& classifier) {
  ParsedSignal parsed = parse_signal(text);
  Classification classification = classifier.classify(text, parsed);
  return reconcile(std::move(parsed), std::move(classification));
}

UnderstoodPost reconcile(ParsedSignal parsed_post, Classification classification) {
  UnderstoodPost post{std::move(parsed_post), std::move(classification)};
  ParsedSignal& parsed = post.parsed;
  const std::string& label = post.classification.label;
  if (label == "long" || label == "short") {
    const core::PositionSide side =
        label == "long" ? core::PositionSide::kLong : core::PositionSide::kShort;
    if (parsed.side && *parsed.side != side) {
      parsed.warnings.push_back(fmt::format("the post reads as a {} but its words say {}", label,
                                            core::to_string(*parsed.side)));
    }
    parsed.side = side;
    parsed.update.reset();
  } else if (label == "update") {
    parsed.entries.clear();
    parsed.targets.clear();
    parsed.stop_loss.reset();
    parsed.entry_market = false;
  } else {
    parsed = ParsedSignal{};
  }
  parsed.label = label;
  return post;
}

}  // namespace sigtrader::signals
