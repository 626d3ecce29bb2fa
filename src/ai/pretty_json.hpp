#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace sigtrader::ai {

// `value` as JSON a person can read and diff: one key or element per line, two-space indent,
// keys in the object's own order, a newline at the end. Boost.JSON only writes compact text.
// Doubles are written in their shortest round-trip form and always with a '.' or an exponent, so
// they read back as doubles; NaN and infinities, which JSON cannot hold, become null.
std::string to_pretty_json(const boost::json::value& value);

}  // namespace sigtrader::ai
