#pragma once

#include <optional>
#include <string_view>

#include "core/decimal.hpp"

namespace sigtrader::signals {

enum class UpdateKind { kTargetHit, kStopHit, kMoveStop, kClose, kCancel, kReentry, kEntryFilled };
std::string_view to_string(UpdateKind kind);

// A post that refers to an earlier signal.
struct ParsedUpdate {
  UpdateKind kind = UpdateKind::kTargetHit;
  std::optional<int> target;              // "TP2 hit" → 2
  std::optional<core::Decimal> fraction;  // "close 50%" → 0.5
};

// What kind of update a post is, from its words in the languages the parser reads, if any:
// cancel, re-entry, a stop moved (to breakeven, or when the post names its stop), a stop hit, a
// target hit (when the post names a target; with the target's number), an entry filled, a close
// (with the fraction: "half", "50%"). `lower` is lower_post_text() of the post.
std::optional<ParsedUpdate> detect_update(std::string_view lower, bool mentions_target,
                                          bool mentions_stop);

}  // namespace sigtrader::signals
