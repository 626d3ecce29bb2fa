#include "config/toml_text.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

namespace sigtrader::config {

std::string quote_toml_string(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        quoted += "\\\"";
        break;
      case '\\':
        quoted += "\\\\";
        break;
      case '\n':
        quoted += "\\n";
        break;
      case '\t':
        quoted += "\\t";
        break;
      case '\r':
        quoted += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          quoted += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
        } else {
          quoted += c;
        }
    }
  }
  quoted += '"';
  return quoted;
}

std::string format_toml_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", value);
  // fmt writes 5.0 as "5"; TOML would read that back as an integer.
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  return text;
}

std::string shorten(std::string text, std::size_t max_chars) {
  if (text.size() <= max_chars) return text;
  text.resize(max_chars);
  text += "...";
  return text;
}

namespace {

void render(const toml::node& node, std::string& out, std::size_t max_chars) {
  if (out.size() > max_chars) return;
  switch (node.type()) {
    case toml::node_type::string:
      out += quote_toml_string(node.as_string()->get());
      return;
    case toml::node_type::integer:
      out += fmt::format("{}", node.as_integer()->get());
      return;
    case toml::node_type::floating_point:
      out += format_toml_float(node.as_floating_point()->get());
      return;
    case toml::node_type::boolean:
      out += node.as_boolean()->get() ? "true" : "false";
      return;
    case toml::node_type::array: {
      out += '[';
      bool first = true;
      for (const toml::node& element : *node.as_array()) {
        if (!first) out += ", ";
        first = false;
        render(element, out, max_chars);
        if (out.size() > max_chars) return;
      }
      out += ']';
      return;
    }
    case toml::node_type::table:
      out += "{...}";
      return;
    default: {  // dates and times print as TOML writes them
      std::ostringstream stream;
      node.visit([&](const auto& value) { stream << value; });
      out += stream.str();
      return;
    }
  }
}

}  // namespace

std::string render_toml_node(const toml::node& node, std::size_t max_chars) {
  std::string out;
  render(node, out, max_chars);
  return shorten(std::move(out), max_chars);
}

}  // namespace sigtrader::config
