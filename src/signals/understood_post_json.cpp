#include "signals/understood_post_json.hpp"

#include <cmath>

#include <boost/json/array.hpp>

namespace sigtrader::signals {
namespace {

namespace json = boost::json;

json::array span_json(const TextSpan& span) {
  return json::array{span.begin, span.end};
}

json::array prices_json(const std::vector<PriceField>& prices) {
  json::array out;
  for (const PriceField& price : prices)
    out.emplace_back(price.value.to_string());
  return out;
}

json::array price_spans_json(const std::vector<PriceField>& prices) {
  json::array out;
  for (const PriceField& price : prices)
    out.emplace_back(span_json(price.span));
  return out;
}

json::value update_json(const std::optional<ParsedUpdate>& update) {
  if (!update) return nullptr;
  json::object out{{"kind", to_string(update->kind)}};
  out["target"] = update->target ? json::value(*update->target) : json::value(nullptr);
  out["fraction"] =
      update->fraction ? json::value(update->fraction->to_string()) : json::value(nullptr);
  return out;
}

}  // namespace

void put_understood_post(json::object& out, const UnderstoodPost& post) {
  const ParsedSignal& parsed = post.parsed;
  const Classification& classification = post.classification;
  out["label"] = classification.label;
  // Four decimals are what a reader can use; more would print the float's noise.
  out["confidence"] = std::round(classification.confidence * 10000.0) / 10000.0;
  out["classifier"] = classification.classifier;
  out["symbol"] = parsed.symbol ? json::value(parsed.symbol->to_string()) : json::value(nullptr);
  out["side"] = parsed.side ? json::value(core::to_string(*parsed.side)) : json::value(nullptr);
  out["entries"] = prices_json(parsed.entries);
  out["entry_market"] = parsed.entry_market;
  out["targets"] = prices_json(parsed.targets);
  out["stop_loss"] =
      parsed.stop_loss ? json::value(parsed.stop_loss->value.to_string()) : json::value(nullptr);
  out["leverage"] = parsed.leverage ? json::value(*parsed.leverage) : json::value(nullptr);
  out["margin_mode"] = parsed.margin_mode ? json::value(*parsed.margin_mode) : json::value(nullptr);
  out["update"] = update_json(parsed.update);
  json::array warnings;
  for (const std::string& warning : parsed.warnings)
    warnings.emplace_back(warning);
  out["warnings"] = std::move(warnings);
  json::object spans;
  if (parsed.symbol) spans["symbol"] = span_json(parsed.symbol_span);
  if (parsed.side && parsed.side_span.end > parsed.side_span.begin) {
    spans["side"] = span_json(parsed.side_span);
  }
  if (!parsed.entries.empty()) spans["entries"] = price_spans_json(parsed.entries);
  if (!parsed.targets.empty()) spans["targets"] = price_spans_json(parsed.targets);
  if (parsed.stop_loss) spans["stop_loss"] = span_json(parsed.stop_loss->span);
  out["spans"] = std::move(spans);
}

}  // namespace sigtrader::signals
