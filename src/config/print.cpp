#include "config/print.hpp"

#include "config/key_table.hpp"

namespace sigtrader::config {

std::string format_config(const Config& config) {
  const detail::KeyTable& table = detail::key_table();
  std::string text;
  for (const detail::SectionSpec& section : table.sections) {
    if (!text.empty()) text += '\n';
    text += "[" + section.name + "]\n";
    for (const detail::KeySpec& key : table.keys) {
      if (key.section != section.name) continue;
      const std::optional<std::string> value = key.format(config);
      if (!value) {
        text += "# " + key.name + " is not set\n";
      } else if (key.secret) {
        text += "# " + key.name + " = " + *value + "  (from " + key.env_name + ")\n";
      } else {
        text += key.name + " = " + *value + "\n";
      }
    }
  }
  return text;
}

}  // namespace sigtrader::config
