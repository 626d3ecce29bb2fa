#include "risk/symbol_mapping.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "risk/amount_text.hpp"

namespace sigtrader::risk {
namespace {

core::Result<core::Price> converted(core::Price price, core::Decimal multiplier,
                                    const core::Instrument& instrument, core::Rounding mode,
                                    std::string_view what) {
  const auto refused = [&](std::string_view why) {
    return core::Error(core::ErrorCode::kRejected,
                       fmt::format("{} {} × the symbol mapping's multiplier {} {} for {}", what,
                                   amount_text(price), amount_text(multiplier), why,
                                   instrument.symbol.to_string()));
  };
  auto product = core::checked_mul(price.decimal(), multiplier);
  if (!product.ok()) return refused("does not fit a price");
  auto rounded = instrument.round_price(core::Price(*product), mode);
  if (!rounded.ok()) return refused("does not fit a price");
  if (!rounded->is_positive()) {
    return refused(fmt::format("rounds to {} at the tick {}", amount_text(*rounded),
                               amount_text(instrument.tick_size)));
  }
  return *rounded;
}

}  // namespace

core::Status to_venue_units(EntryRequest& request, core::Decimal price_multiplier,
                            const core::Instrument& instrument) {
  if (price_multiplier == core::Decimal::from_int(1)) return {};
  const bool is_long = request.side == core::PositionSide::kLong;
  SIGTRADER_TRY(const core::Price entry, converted(request.entry, price_multiplier, instrument,
                                                   core::Rounding::kNearest, "entry"));
  std::optional<core::Price> stop;
  if (request.stop_loss) {
    SIGTRADER_TRY(stop, converted(*request.stop_loss, price_multiplier, instrument,
                                  is_long ? core::Rounding::kDown : core::Rounding::kUp, "stop"));
  }
  std::vector<core::Price> targets;
  for (const core::Price target : request.targets) {
    SIGTRADER_TRY(const core::Price venue_target,
                  converted(target, price_multiplier, instrument, core::Rounding::kNearest,
                            fmt::format("target {}", targets.size() + 1)));
    targets.push_back(venue_target);
  }
  // Changed only once every price converted, so a refusal leaves the request as it was.
  request.entry = entry;
  request.stop_loss = stop;
  request.targets = std::move(targets);
  return {};
}

}  // namespace sigtrader::risk
