#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <toml++/toml.h>

// Writing values as TOML text: for printing a config back and for quoting values in errors.
namespace sigtrader::config {

// A TOML basic string: "a \"b\"\n" with the escapes TOML requires.
std::string quote_toml_string(std::string_view text);

// A TOML float that reads back as a float: 5.0, 0.25, 1e+300, inf, nan.
std::string format_toml_float(double value);

// A value as it would appear after `key = ` in a file, shortened to about max_chars with "..." so
// that an error about a huge value stays readable. Tables show as {...}.
std::string render_toml_node(const toml::node& node, std::size_t max_chars = 60);

// `text` cut to about max_chars with "..." appended when it was longer.
std::string shorten(std::string text, std::size_t max_chars);

}  // namespace sigtrader::config
