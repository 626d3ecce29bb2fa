#include "market/indicators/compute_indicator.hpp"

#include <cstddef>
#include <vector>

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

using core::Error;
using core::ErrorCode;

core::Status compute_indicator(const IndicatorSpec& spec, const OhlcvSpans& input,
                               std::span<const std::span<double>> outputs) {
  const std::size_t n = input.close.size();
  if (outputs.size() != spec.columns.size()) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("indicator '{}' writes {} column(s), {} output(s) given", spec.text,
                             spec.columns.size(), outputs.size()));
  }
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    if (outputs[k].size() != n) {
      return Error(ErrorCode::kInvalidArgument,
                   fmt::format("indicator '{}': output '{}' has {} rows, the input has {}",
                               spec.text, spec.columns[k], outputs[k].size(), n));
    }
  }
  const bool needs_range =
      spec.kind == IndicatorKind::kAtr || spec.kind == IndicatorKind::kStochastic ||
      spec.kind == IndicatorKind::kWilliamsR || spec.kind == IndicatorKind::kDonchian;
  if (needs_range && (input.high.size() != n || input.low.size() != n)) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("indicator '{}' needs high, low and close columns of {} rows; got {} "
                             "high and {} low",
                             spec.text, n, input.high.size(), input.low.size()));
  }
  const bool needs_volume = spec.kind == IndicatorKind::kObv || spec.kind == IndicatorKind::kMfi ||
                            spec.kind == IndicatorKind::kVwap;
  if (needs_volume && input.volume.size() != n) {
    return Error(ErrorCode::kInvalidArgument,
                 fmt::format("indicator '{}' needs a volume column of {} rows; got {}", spec.text,
                             n, input.volume.size()));
  }
  if (spec.kind == IndicatorKind::kVwap) {
    if (input.time_ns.size() != n) {
      return Error(ErrorCode::kInvalidArgument,
                   fmt::format("indicator '{}' needs a time column of {} rows; got {}", spec.text,
                               n, input.time_ns.size()));
    }
    vwap(input.time_ns, input.high, input.low, input.close, input.volume, outputs[0]);
    return {};
  }
  if (spec.kind == IndicatorKind::kObv) {
    obv(input.close, input.volume, outputs[0]);
    return {};
  }
  const std::size_t p = spec.periods[0];
  switch (spec.kind) {
    case IndicatorKind::kSma:
      sma(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kEma:
      ema(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kWma:
      wma(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kDema:
      dema(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kTema:
      tema(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kRsi:
      rsi(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kMacd:
      macd(input.close, spec.periods[0], spec.periods[1], spec.periods[2], outputs[0], outputs[1],
           outputs[2]);
      break;
    case IndicatorKind::kBollinger:
      bollinger(input.close, p, spec.deviations, outputs[0], outputs[1], outputs[2]);
      break;
    case IndicatorKind::kAtr:
      atr(input.high, input.low, input.close, p, outputs[0]);
      break;
    case IndicatorKind::kStochastic:
      stochastic(input.high, input.low, input.close, p, spec.periods[1], spec.periods[2],
                 outputs[0], outputs[1]);
      break;
    case IndicatorKind::kWilliamsR:
      williams_r(input.high, input.low, input.close, p, outputs[0]);
      break;
    case IndicatorKind::kDonchian:
      donchian(input.high, input.low, p, outputs[0], outputs[1], outputs[2]);
      break;
    case IndicatorKind::kRoc:
      roc(input.close, p, outputs[0]);
      break;
    case IndicatorKind::kAdx:
      adx(input.high, input.low, input.close, p, outputs[0], outputs[1], outputs[2]);
      break;
    case IndicatorKind::kCci:
      cci(input.high, input.low, input.close, p, outputs[0]);
      break;
    case IndicatorKind::kMfi:
      mfi(input.high, input.low, input.close, input.volume, p, outputs[0]);
      break;
    case IndicatorKind::kKeltner:
      keltner(input.high, input.low, input.close, p, spec.deviations, spec.periods[1], outputs[0],
              outputs[1], outputs[2]);
      break;
    case IndicatorKind::kStochRsi:
      stoch_rsi(input.close, p, spec.periods[1], spec.periods[2], outputs[0], outputs[1]);
      break;
    case IndicatorKind::kSuperTrend:
      super_trend(input.high, input.low, input.close, p, spec.deviations, outputs[0], outputs[1]);
      break;
    case IndicatorKind::kIchimoku:
      ichimoku(input.high, input.low, p, spec.periods[1], spec.periods[2], spec.periods[1],
               outputs[0], outputs[1], outputs[2], outputs[3]);
      break;
    case IndicatorKind::kObv:
    case IndicatorKind::kVwap:
      break;  // computed above
  }
  return {};
}

core::Result<std::vector<std::vector<double>>> compute_indicator(const IndicatorSpec& spec,
                                                                 const OhlcvSpans& input) {
  std::vector<std::vector<double>> columns(spec.columns.size(),
                                           std::vector<double>(input.close.size()));
  std::vector<std::span<double>> outputs(columns.begin(), columns.end());
  SIGTRADER_RETURN_IF_ERROR(
      compute_indicator(spec, input, std::span<const std::span<double>>(outputs)));
  return columns;
}

}  // namespace sigtrader::market::indicators
