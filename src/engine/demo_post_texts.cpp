#include "engine/demo_post_texts.hpp"

#include <array>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

namespace sigtrader::engine {

namespace {

template <std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& choices, core::Random& random) {
  return choices[random.below(N)];
}

bool is_long(const DemoSignalPlan& plan) {
  return plan.side == core::PositionSide::kLong;
}

std::string joined(const std::vector<core::Price>& prices, std::string_view separator,
                   bool thousands = false) {
  std::string out;
  for (std::size_t i = 0; i < prices.size(); ++i) {
    if (i > 0) out += separator;
    out += thousands ? with_thousands(prices[i]) : prices[i].to_string();
  }
  return out;
}

std::string template_signal(const core::Symbol& symbol, const DemoSignalPlan& plan,
                            core::Random& random) {
  const std::string direction = is_long(plan) ? "LONG 🟢" : "SHORT 🔴";
  std::string text = fmt::format("📊 #{}\nDirection: {}\n", symbol.joined(), direction);
  text += fmt::format("Entry: {}\n", plan.entry.to_string());
  text += fmt::format("Targets: {}\n", joined(plan.targets, " - "));
  text += fmt::format("Stop loss: {}\n", plan.stop.to_string());
  text += fmt::format("Leverage: {} {}x", random.chance(0.5) ? "Isolated" : "Cross", plan.leverage);
  return text;
}

std::string one_liner_signal(const core::Symbol& symbol, const DemoSignalPlan& plan,
                             core::Random& random) {
  if (random.chance(0.5)) {
    std::string text = fmt::format("{} {} @ {}", symbol.to_string(),
                                   is_long(plan) ? "long" : "short", with_thousands(plan.entry));
    // "TP1: 152.33", not "TP1 152.33": the parser reads "1 152" as a number with a space for
    // its thousands separator.
    for (std::size_t i = 0; i < plan.targets.size(); ++i) {
      text += fmt::format(" TP{}: {}", i + 1, with_thousands(plan.targets[i]));
    }
    text += fmt::format(" SL: {} (cross {}x)", with_thousands(plan.stop), plan.leverage);
    return text;
  }
  std::string text =
      fmt::format("#{}\nSignal Type: Regular ({})\nLeverage: Cross {}x\n", symbol.to_string(),
                  is_long(plan) ? "Long" : "Short", plan.leverage);
  text += fmt::format("Entry Targets: {}\nTake-Profit Targets:\n", plan.entry.to_string());
  for (std::size_t i = 0; i < plan.targets.size(); ++i) {
    text += fmt::format("{}) {}\n", i + 1, plan.targets[i].to_string());
  }
  text += fmt::format("Stop Targets: {}", plan.stop.to_string());
  return text;
}

std::string hype_signal(const core::Symbol& symbol, const DemoSignalPlan& plan,
                        core::Random& random) {
  if (plan.market_entry) {
    std::string text =
        fmt::format("${}\n{}\n", symbol.base,
                    is_long(plan) ? "🟢 BUY NOW at market 🟢" : "🔴 SHORT NOW at market 🔴");
    for (const core::Price target : plan.targets)
      text += fmt::format("🎯 {}\n", target.to_string());
    text += fmt::format("⛔ SL {}", plan.stop.to_string());
    return text;
  }
  if (random.chance(0.5)) {
    return fmt::format("${} {}\nВход: {}\nТейк: {}\nСтоп: {}\nПлечо х{}", symbol.base,
                       is_long(plan) ? "ЛОНГ" : "ШОРТ", plan.entry.to_string(),
                       joined(plan.targets, ", "), plan.stop.to_string(), plan.leverage);
  }
  return fmt::format("🚀🚀 #{} {} 🚀🚀\nEntry: {}\nTP: {}\nSL: {}\n{}x 💎🙌", symbol.base,
                     is_long(plan) ? "LONG" : "SHORT", plan.entry.to_string(),
                     joined(plan.targets, " - "), plan.stop.to_string(), plan.leverage);
}

std::string template_update(const core::Symbol& symbol, DemoUpdate update, std::size_t target,
                            std::size_t of, double percent) {
  switch (update) {
    case DemoUpdate::kTargetReached:
      if (target == 1) {
        return fmt::format("#{} TP1 ✅ reached (+{:.2f}%). Stop moved to entry.", symbol.joined(),
                           percent);
      }
      if (target == of) {
        return fmt::format("#{} all targets reached 🎯 +{:.2f}% on the last one.", symbol.joined(),
                           percent);
      }
      return fmt::format("#{} TP{} ✅ reached, +{:.2f}%", symbol.joined(), target, percent);
    case DemoUpdate::kStopHit:
      if (percent == 0.0) {
        return fmt::format("#{} stopped out at entry after TP1 ✅, no loss on the rest.",
                           symbol.joined());
      }
      return fmt::format("#{} stop loss hit ❌ ({:.2f}%). Part of the game, next one.",
                         symbol.joined(), percent);
    case DemoUpdate::kClosed:
      return fmt::format("#{} close the rest at market here ({:+.2f}%), it has had its time.",
                         symbol.joined(), percent);
  }
  return {};
}

std::string one_liner_update(const core::Symbol& symbol, DemoUpdate update, std::size_t target,
                             double percent, core::Random& random) {
  switch (update) {
    case DemoUpdate::kTargetReached:
      return fmt::format("#{} TP{} reached ✅ +{:.1f}% profit", symbol.base, target, percent);
    case DemoUpdate::kStopHit:
      return random.chance(0.5) ? fmt::format("#{} SL hit", symbol.base)
                                : fmt::format("#{} stop hit, small loss", symbol.base);
    case DemoUpdate::kClosed:
      return fmt::format("Close #{} now, locking {:+.1f}% 💰", symbol.base, percent);
  }
  return {};
}

std::string hype_update(const core::Symbol& symbol, DemoUpdate update, std::size_t target,
                        double percent, int leverage) {
  switch (update) {
    case DemoUpdate::kTargetReached:
      if (target == 1) {
        return fmt::format("🚀🚀🚀 ${} TP1 smashed!!! +{:.0f}% with {}x 🔥🔥", symbol.base,
                           percent * leverage, leverage);
      }
      return fmt::format("${} TP{} ✅✅ done, who followed?? 💰💰", symbol.base, target);
    case DemoUpdate::kStopHit:
      return fmt::format("${} stop hit, we go again 💪", symbol.base);
    case DemoUpdate::kClosed:
      return fmt::format("${} close it now, take the money 💰", symbol.base);
  }
  return {};
}

std::string price_of(const std::vector<std::pair<core::Symbol, core::Price>>& prices,
                     std::size_t index, bool thousands) {
  const core::Price price = prices[index].second;
  return thousands ? with_thousands(price) : price.to_string();
}

}  // namespace

std::string with_thousands(core::Price price) {
  const std::string plain = price.to_string();
  const std::size_t point = plain.find('.');
  const std::size_t digits = point == std::string::npos ? plain.size() : point;
  const std::size_t first = plain[0] == '-' ? 1 : 0;
  std::string out = plain.substr(0, first);
  for (std::size_t i = first; i < digits; ++i) {
    if (i > first && (digits - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  out += plain.substr(digits);
  return out;
}

std::string demo_signal_text(DemoChannelStyle style, const core::Symbol& symbol,
                             const DemoSignalPlan& plan, core::Random& random) {
  switch (style) {
    case DemoChannelStyle::kTemplate:
      return template_signal(symbol, plan, random);
    case DemoChannelStyle::kOneLiner:
      return one_liner_signal(symbol, plan, random);
    case DemoChannelStyle::kHype:
      return hype_signal(symbol, plan, random);
  }
  return {};
}

std::string demo_update_text(DemoChannelStyle style, const core::Symbol& symbol, DemoUpdate update,
                             std::size_t target, std::size_t of, double percent, int leverage,
                             core::Random& random) {
  switch (style) {
    case DemoChannelStyle::kTemplate:
      return template_update(symbol, update, target, of, percent);
    case DemoChannelStyle::kOneLiner:
      return one_liner_update(symbol, update, target, percent, random);
    case DemoChannelStyle::kHype:
      return hype_update(symbol, update, target, percent, leverage);
  }
  return {};
}

std::string demo_chatter_text(DemoChannelStyle style,
                              const std::vector<std::pair<core::Symbol, core::Price>>& prices,
                              core::Random& random) {
  const std::size_t coin = random.below(prices.size());
  const std::string& base = prices[coin].first.base;
  switch (style) {
    case DemoChannelStyle::kTemplate: {
      constexpr std::array<std::string_view, 4> kFixed{
          "Good morning. Markets are quiet; no new setups until we see a clean break.",
          "Reminder: risk 1-2% of the account per trade, never more.",
          "Weekly recap comes on Sunday, as usual.",
          "No trade is also a position. Patience today."};
      if (random.chance(0.4)) {
        return fmt::format("{} is at {}. We wait for confirmation before the next entry.", base,
                           price_of(prices, coin, true));
      }
      return std::string(pick(kFixed, random));
    }
    case DemoChannelStyle::kOneLiner: {
      constexpr std::array<std::string_view, 4> kFixed{
          "Slow day, nothing worth trading yet", "Who took the last one? Drop your results 👇",
          "Funding is flat, market undecided", "Charts later, in a meeting now"};
      if (random.chance(0.4)) {
        return fmt::format("{} looks heavy around {}, not touching it for now", base,
                           price_of(prices, coin, false));
      }
      return std::string(pick(kFixed, random));
    }
    case DemoChannelStyle::kHype: {
      constexpr std::array<std::string_view, 6> kFixed{
          "🚀🚀 VIP IS ON FIRE TODAY 🔥🔥🔥",
          "Next big one coming soon, stay tuned 👀👀",
          "DM @moon_desk_admin for VIP access 💎 only 5 spots left",
          "Who's ready?? 🚀🚀🚀",
          "Another green week for the VIP group 💰💰💰",
          "Доброе утро, команда! ☀️ Сегодня будет жарко "
          "🔥"};
      if (random.chance(0.3)) {
        return fmt::format("${} {} 👀👀 something big is loading", base,
                           price_of(prices, coin, false));
      }
      return std::string(pick(kFixed, random));
    }
  }
  return {};
}

}  // namespace sigtrader::engine
