#include "market/indicators/indicator_spec.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

#include <fmt/format.h>

#include "market/indicators/adx.hpp"
#include "market/indicators/atr.hpp"
#include "market/indicators/bollinger.hpp"
#include "market/indicators/cci.hpp"
#include "market/indicators/dema.hpp"
#include "market/indicators/donchian.hpp"
#include "market/indicators/ema.hpp"
#include "market/indicators/ichimoku.hpp"
#include "market/indicators/keltner.hpp"
#include "market/indicators/macd.hpp"
#include "market/indicators/mfi.hpp"
#include "market/indicators/obv.hpp"
#include "market/indicators/roc.hpp"
#include "market/indicators/rsi.hpp"
#include "market/indicators/sma.hpp"
#include "market/indicators/stoch_rsi.hpp"
#include "market/indicators/stochastic.hpp"
#include "market/indicators/super_trend.hpp"
#include "market/indicators/tema.hpp"
#include "market/indicators/vwap.hpp"
#include "market/indicators/wma.hpp"

namespace sigtrader::market::indicators {
namespace {

using core::Error;
using core::ErrorCode;

constexpr std::size_t kMaxPeriod = 100000;

struct KindInfo {
  std::string_view name;
  IndicatorKind kind;
  std::string_view form;  // what the spec must look like
  std::string_view example;
};

constexpr std::array<KindInfo, 22> kKinds = {{
    {"sma", IndicatorKind::kSma, "sma:PERIOD", "sma:20"},
    {"ema", IndicatorKind::kEma, "ema:PERIOD", "ema:21"},
    {"wma", IndicatorKind::kWma, "wma:PERIOD", "wma:20"},
    {"dema", IndicatorKind::kDema, "dema:PERIOD", "dema:20"},
    {"tema", IndicatorKind::kTema, "tema:PERIOD", "tema:20"},
    {"rsi", IndicatorKind::kRsi, "rsi:PERIOD", "rsi:14"},
    {"macd", IndicatorKind::kMacd, "macd:FAST:SLOW:SIGNAL with FAST < SLOW", "macd:12:26:9"},
    {"bb", IndicatorKind::kBollinger, "bb:PERIOD:K with K > 0 standard deviations", "bb:20:2"},
    {"atr", IndicatorKind::kAtr, "atr:PERIOD", "atr:14"},
    {"stoch", IndicatorKind::kStochastic, "stoch:K:SLOW_K:D", "stoch:14:3:3"},
    {"willr", IndicatorKind::kWilliamsR, "willr:PERIOD", "willr:14"},
    {"donchian", IndicatorKind::kDonchian, "donchian:PERIOD", "donchian:20"},
    {"roc", IndicatorKind::kRoc, "roc:PERIOD", "roc:10"},
    {"obv", IndicatorKind::kObv, "obv (no parameters)", "obv"},
    {"adx", IndicatorKind::kAdx, "adx:PERIOD", "adx:14"},
    {"cci", IndicatorKind::kCci, "cci:PERIOD", "cci:20"},
    {"mfi", IndicatorKind::kMfi, "mfi:PERIOD", "mfi:14"},
    {"keltner", IndicatorKind::kKeltner, "keltner:EMA_PERIOD:MULTIPLIER:ATR_PERIOD",
     "keltner:20:2:10"},
    {"stochrsi", IndicatorKind::kStochRsi, "stochrsi:RSI_PERIOD:K:D", "stochrsi:14:14:3"},
    {"supertrend", IndicatorKind::kSuperTrend, "supertrend:ATR_PERIOD:MULTIPLIER",
     "supertrend:10:3"},
    {"vwap", IndicatorKind::kVwap, "vwap (no parameters; sessions are UTC days)", "vwap"},
    {"ichimoku", IndicatorKind::kIchimoku,
     "ichimoku:TENKAN:KIJUN:SENKOU (leading spans shifted KIJUN bars)", "ichimoku:9:26:52"},
}};

constexpr std::string_view kKnownNames =
    "sma, ema, wma, dema, tema, rsi, macd, bb, atr, stoch, willr, donchian, roc, obv, adx, cci, "
    "mfi";

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) return parts;
    start = colon + 1;
  }
}

Error spec_error(std::string_view text, const KindInfo& info, std::string_view problem) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("indicator spec '{}': {}; expected {} (periods 1 to {}), e.g. {}", text,
                           problem, info.form, kMaxPeriod, info.example));
}

bool parse_period(std::string_view part, std::size_t& period) {
  const char* end = part.data() + part.size();
  auto [ptr, ec] = std::from_chars(part.data(), end, period);
  return !part.empty() && ec == std::errc() && ptr == end && period >= 1 && period <= kMaxPeriod;
}

bool parse_positive(std::string_view part, double& value) {
  const char* end = part.data() + part.size();
  auto [ptr, ec] = std::from_chars(part.data(), end, value);
  return !part.empty() && ec == std::errc() && ptr == end && std::isfinite(value) && value > 0.0;
}

std::size_t parameter_count(IndicatorKind kind) {
  switch (kind) {
    case IndicatorKind::kMacd:
    case IndicatorKind::kStochastic:
    case IndicatorKind::kKeltner:
    case IndicatorKind::kStochRsi:
    case IndicatorKind::kIchimoku:
      return 3;
    case IndicatorKind::kBollinger:
    case IndicatorKind::kSuperTrend:
      return 2;
    case IndicatorKind::kObv:
    case IndicatorKind::kVwap:
      return 0;
    default:
      return 1;
  }
}

std::size_t lookback_of(const IndicatorSpec& spec) {
  if (spec.kind == IndicatorKind::kObv) return Obv::lookback();
  if (spec.kind == IndicatorKind::kVwap) return Vwap::lookback();
  const std::size_t n = spec.periods[0];
  switch (spec.kind) {
    case IndicatorKind::kSma:
      return Sma::lookback(n);
    case IndicatorKind::kEma:
      return Ema::lookback(n);
    case IndicatorKind::kWma:
      return Wma::lookback(n);
    case IndicatorKind::kDema:
      return Dema::lookback(n);
    case IndicatorKind::kTema:
      return Tema::lookback(n);
    case IndicatorKind::kRsi:
      return Rsi::lookback(n);
    case IndicatorKind::kMacd:
      return Macd::lookback(spec.periods[1], spec.periods[2]);
    case IndicatorKind::kBollinger:
      return Bollinger::lookback(n);
    case IndicatorKind::kAtr:
      return Atr::lookback(n);
    case IndicatorKind::kStochastic:
      return Stochastic::lookback(n, spec.periods[1], spec.periods[2]);
    case IndicatorKind::kWilliamsR:
      return WilliamsR::lookback(n);
    case IndicatorKind::kDonchian:
      return Donchian::lookback(n);
    case IndicatorKind::kRoc:
      return Roc::lookback(n);
    case IndicatorKind::kObv:
      return Obv::lookback();
    case IndicatorKind::kAdx:
      return Adx::lookback(n);
    case IndicatorKind::kCci:
      return Cci::lookback(n);
    case IndicatorKind::kMfi:
      return Mfi::lookback(n);
    case IndicatorKind::kKeltner:
      return Keltner::lookback(n, spec.periods[1]);
    case IndicatorKind::kStochRsi:
      return StochRsi::lookback(n, spec.periods[1], spec.periods[2]);
    case IndicatorKind::kSuperTrend:
      return SuperTrend::lookback(n);
    case IndicatorKind::kVwap:
      return Vwap::lookback();
    case IndicatorKind::kIchimoku:
      return Ichimoku::senkou_b_lookback(spec.periods[2], spec.periods[1]);
  }
  return 0;
}

}  // namespace

core::Result<IndicatorSpec> parse_indicator_spec(std::string_view text) {
  const std::vector<std::string_view> parts = split(text);
  const KindInfo* info = nullptr;
  for (const KindInfo& candidate : kKinds) {
    if (candidate.name == parts[0]) info = &candidate;
  }
  if (info == nullptr) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("indicator spec '{}': unknown indicator '{}'; expected one of {} "
                             "(e.g. rsi:14)",
                             text, parts[0], kKnownNames));
  }
  IndicatorSpec spec;
  spec.text = std::string(text);
  spec.kind = info->kind;
  const std::size_t expected = parameter_count(info->kind);
  if (parts.size() - 1 != expected) {
    return spec_error(text, *info,
                      fmt::format("{} parameter(s) given, {} needed", parts.size() - 1, expected));
  }
  std::string base(info->name);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const bool is_deviation = i == 2 && (info->kind == IndicatorKind::kBollinger ||
                                         info->kind == IndicatorKind::kKeltner ||
                                         info->kind == IndicatorKind::kSuperTrend);
    if (is_deviation) {
      double k = 0.0;
      if (!parse_positive(parts[i], k)) {
        return spec_error(text, *info, fmt::format("'{}' is not a positive number", parts[i]));
      }
      spec.deviations = k;
    } else {
      std::size_t period = 0;
      if (!parse_period(parts[i], period)) {
        return spec_error(text, *info, fmt::format("'{}' is not a whole number period", parts[i]));
      }
      spec.periods.push_back(period);
    }
    base += '_';
    base += parts[i];
  }
  if (info->kind == IndicatorKind::kMacd && spec.periods[0] >= spec.periods[1]) {
    return spec_error(text, *info, "the fast period must be shorter than the slow one");
  }
  switch (info->kind) {
    case IndicatorKind::kMacd:
      spec.columns = {base + "_line", base + "_signal", base + "_histogram"};
      break;
    case IndicatorKind::kBollinger:
    case IndicatorKind::kDonchian:
      spec.columns = {base + "_upper", base + "_middle", base + "_lower"};
      break;
    case IndicatorKind::kStochastic:
      spec.columns = {base + "_k", base + "_d"};
      break;
    case IndicatorKind::kAdx:
      spec.columns = {base, base + "_plus_di", base + "_minus_di"};
      break;
    case IndicatorKind::kKeltner:
      spec.columns = {base + "_upper", base + "_middle", base + "_lower"};
      break;
    case IndicatorKind::kStochRsi:
      spec.columns = {base + "_k", base + "_d"};
      break;
    case IndicatorKind::kSuperTrend:
      spec.columns = {base, base + "_direction"};
      break;
    case IndicatorKind::kIchimoku:
      spec.columns = {base + "_tenkan", base + "_kijun", base + "_senkou_a", base + "_senkou_b"};
      break;
    default:
      spec.columns = {base};
  }
  spec.lookback = lookback_of(spec);
  spec.column_lookbacks.assign(spec.columns.size(), spec.lookback);
  if (spec.kind == IndicatorKind::kAdx) {
    spec.column_lookbacks[1] = spec.column_lookbacks[2] = Adx::di_lookback(spec.periods[0]);
  }
  if (spec.kind == IndicatorKind::kIchimoku) {
    const std::size_t tenkan = spec.periods[0], kijun = spec.periods[1];
    spec.column_lookbacks = {tenkan - 1, kijun - 1,
                             Ichimoku::senkou_a_lookback(tenkan, kijun, kijun), spec.lookback};
  }
  spec.lookback = *std::max_element(spec.column_lookbacks.begin(), spec.column_lookbacks.end());
  return spec;
}

}  // namespace sigtrader::market::indicators
