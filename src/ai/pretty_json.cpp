#include "ai/pretty_json.hpp"

#include <cmath>

#include <boost/json/serialize.hpp>
#include <fmt/format.h>

namespace sigtrader::ai {
namespace {

void append_double(std::string& out, double number) {
  if (!std::isfinite(number)) {
    out += "null";
    return;
  }
  std::string text = fmt::format("{}", number);
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  out += text;
}

void append_indent(std::string& out, int depth) {
  out.append(static_cast<std::size_t>(2 * depth), ' ');
}

void append_value(std::string& out, const boost::json::value& value, int depth) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      const boost::json::object& object = value.get_object();
      if (object.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      bool first = true;
      for (const auto& entry : object) {
        if (!first) out += ",\n";
        first = false;
        append_indent(out, depth + 1);
        out += boost::json::serialize(boost::json::string_view(entry.key()));
        out += ": ";
        append_value(out, entry.value(), depth + 1);
      }
      out += '\n';
      append_indent(out, depth);
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      const boost::json::array& array = value.get_array();
      if (array.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (std::size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += ",\n";
        append_indent(out, depth + 1);
        append_value(out, array[i], depth + 1);
      }
      out += '\n';
      append_indent(out, depth);
      out += ']';
      return;
    }
    case boost::json::kind::double_:
      append_double(out, value.get_double());
      return;
    default:
      out += boost::json::serialize(value);
      return;
  }
}

}  // namespace

std::string to_pretty_json(const boost::json::value& value) {
  std::string out;
  append_value(out, value, 0);
  out += '\n';
  return out;
}

}  // namespace sigtrader::ai
