#pragma once

#include <string_view>

#include "signals/signal_classifier.hpp"
#include "signals/signal_parser.hpp"

namespace sigtrader::signals {

// A post read and classified: the classifier's label and confidence, and the parser's fields made
// consistent with that label — a long or short takes its side from the label (and says so when
// the words disagree), an update keeps what it updates, and `none` keeps no fields.
struct UnderstoodPost {
  ParsedSignal parsed;
  Classification classification;
};

UnderstoodPost understand_post(std::string_view text, const SignalClassifier& classifier);
// The same for a post already parsed and classified.
UnderstoodPost reconcile(ParsedSignal parsed, Classification classification);

}  // namespace sigtrader::signals
