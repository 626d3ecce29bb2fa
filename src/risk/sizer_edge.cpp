#include "risk/sizer_edge.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/assert.hpp"

namespace sigtrader::risk {

namespace {

core::Error invalid(std::string message) {
  return core::Error(core::ErrorCode::kInvalidArgument, std::move(message));
}

}  // namespace

core::Status validate(const ChannelTrust& trust) {
  if (!(trust.win_rate >= 0 && trust.win_rate <= 1)) {
    return invalid(fmt::format("channel win rate {} is outside 0..1", trust.win_rate));
  }
  if (!(trust.average_win_r >= 0) || !std::isfinite(trust.average_win_r)) {
    return invalid(
        fmt::format("channel average win {} R must be a number >= 0", trust.average_win_r));
  }
  if (trust.closed_signals < 0) {
    return invalid(
        fmt::format("channel closed signal count {} must be >= 0", trust.closed_signals));
  }
  return {};
}

core::Status validate(const TrustWeighting& weighting) {
  if (weighting.min_signals < 0) {
    return invalid(
        fmt::format("trust weighting min_signals {} must be >= 0", weighting.min_signals));
  }
  if (!(weighting.sensitivity >= 0) || !std::isfinite(weighting.sensitivity)) {
    return invalid(
        fmt::format("trust weighting sensitivity {} must be a number >= 0", weighting.sensitivity));
  }
  if (!(weighting.floor >= 0 && weighting.floor <= weighting.cap) ||
      !std::isfinite(weighting.cap)) {
    return invalid(fmt::format("trust weighting floor {} and cap {} must satisfy 0 <= floor <= cap",
                               weighting.floor, weighting.cap));
  }
  return {};
}

double expectancy_r(const ChannelTrust& trust) {
  return trust.win_rate * trust.average_win_r - (1 - trust.win_rate);
}

double trust_multiplier(const TrustWeighting& weighting, const ChannelTrust& trust) {
  SIGTRADER_ASSERT(validate(weighting).ok() && validate(trust).ok(),
                   "trust_multiplier() of an invalid weighting or record");
  if (trust.closed_signals < weighting.min_signals) return 1.0;
  return std::clamp(1 + weighting.sensitivity * expectancy_r(trust), weighting.floor,
                    weighting.cap);
}

double kelly_fraction(double win_rate, double win_loss_ratio) {
  SIGTRADER_ASSERT(win_rate >= 0 && win_rate <= 1 && win_loss_ratio > 0,
                   "kelly_fraction() needs a win rate in 0..1 and a positive win/loss ratio");
  return win_rate - (1 - win_rate) / win_loss_ratio;
}

}  // namespace sigtrader::risk
