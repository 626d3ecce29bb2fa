#pragma once

#include <string>

#include <boost/json/object.hpp>

#include "signals/classifier_evaluation.hpp"

namespace sigtrader::app {

// A classifier's scores as a person reads them: per-label precision/recall/F1, macro-F1, the
// confusion matrix, exact-match rates of the fields, calibration and the first misses.
std::string evaluation_text(const signals::Evaluation& evaluation);
// The same as JSON (rates as numbers from 0 to 1).
boost::json::object evaluation_json(const signals::Evaluation& evaluation);

}  // namespace sigtrader::app
