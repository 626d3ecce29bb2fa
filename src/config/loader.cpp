#include "config/loader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "config/key_table.hpp"
#include "config/suggest.hpp"
#include "config/toml_text.hpp"
#include "core/file_text.hpp"
#include "core/secret_names.hpp"

// Debian's libtomlplusplus is built with exceptions: toml::parse() throws toml::parse_error, which
// read_toml() catches at this boundary. Without exceptions parse() would return a parse_result
// instead, and the code below would need its other branch.
static_assert(TOML_EXCEPTIONS, "the config loader expects toml++ built with exceptions");

namespace sigtrader::config {

namespace {

using detail::KeySpec;
using detail::KeyTable;

constexpr std::string_view kEnvPrefix = "SIGTRADER_";

std::string did_you_mean(const std::optional<std::string>& suggestion) {
  return suggestion ? "; did you mean " + *suggestion + "?" : "";
}

// Collects what is wrong with one file and its environment, and the config built so far.
class Loader {
 public:
  explicit Loader(std::string_view origin) : origin_(origin) {}

  void read_toml(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, origin_);
    } catch (const toml::parse_error& error) {
      const auto& begin = error.source().begin;
      add_file_problem(begin.line, fmt::format("{}:{}:{}: {}", origin_, begin.line, begin.column,
                                               error.description()));
      return;
    }
    walk(root, "");
  }

  void apply_environment(const Environment& env) {
    for (const auto& [name, value] : env.variables) {
      // Only SIGTRADER_SECTION__KEY is an override; SIGTRADER_LOG_LEVEL and the like are not.
      if (!name.starts_with(kEnvPrefix) ||
          name.find("__", kEnvPrefix.size()) == std::string::npos) {
        continue;
      }
      const KeySpec* spec = table_.find_by_env_name(name);
      if (spec == nullptr) {
        const std::string path = path_of_env_name(name);
        env_problems_.push_back(fmt::format("env {}: unknown config key {}{}", name, path,
                                            did_you_mean(suggest_env_name(path))));
      } else if (!spec->set_from_env(value, config_)) {
        const std::string shown =
            spec->secret ? " (value hidden)" : "=" + shorten(quote_toml_string(value), 60);
        env_problems_.push_back(fmt::format("env {}{}: expected {}", name, shown, spec->expected));
      }
    }
  }

  core::Result<Config> finish() && {
    if (file_problems_.empty() && env_problems_.empty()) return std::move(config_);
    // toml++ iterates tables by key, not by position: report in the order of the file.
    std::stable_sort(file_problems_.begin(), file_problems_.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    std::string message;
    for (const Problem& problem : file_problems_)
      message += problem.text + "\n";
    for (const std::string& problem : env_problems_)
      message += problem + "\n";
    message.pop_back();
    return core::Error(core::ErrorCode::kConfig, std::move(message));
  }

 private:
  struct Problem {
    std::uint32_t line;
    std::string text;
  };

  void walk(const toml::table& table, const std::string& prefix) {
    for (const auto& [key, node] : table) {
      const std::string name(key.str());
      const std::string path = prefix.empty() ? name : fmt::format("{}.{}", prefix, name);
      visit(path, name, node);
    }
  }

  void visit(const std::string& path, std::string_view name, const toml::node& node) {
    const KeySpec* spec = table_.find_key(path);
    if (core::is_secret_key_name(name)) {
      // Never echo the value: it may be a real credential pasted into the wrong place.
      if (spec != nullptr) {
        add_problem(node, fmt::format("{}: secrets are never read from the config file; remove "
                                      "it and set the environment variable {} instead",
                                      path, spec->env_name));
      } else {
        add_problem(node, fmt::format("{}: secrets are never read from the config file, only from "
                                      "environment variables, and {} is not a known key either; "
                                      "remove it",
                                      path, path));
      }
    } else if (spec != nullptr) {
      if (!spec->set_from_toml(node, config_)) {
        add_problem(node, fmt::format("{} = {}: expected {}", path, render_toml_node(node),
                                      spec->expected));
      }
    } else if (table_.is_section(path)) {
      if (const auto* section = node.as_table()) {
        walk(*section, path);
      } else {
        add_problem(node, fmt::format("{} = {}: expected a table [{}]", path,
                                      render_toml_node(node), path));
      }
    } else if (node.is_table()) {
      add_problem(node,
                  fmt::format("unknown section [{}]{}", path, did_you_mean(suggest_section(path))));
    } else {
      add_problem(node,
                  fmt::format("unknown key {}{}", path, did_you_mean(suggest_key(path, name))));
    }
  }

  // A close name in the same section first ("risk.daily_los_pct"), else a key of that name
  // anywhere ("mode" at the top level means general.mode).
  std::optional<std::string> suggest_key(const std::string& path, std::string_view name) const {
    const std::string section = path.substr(0, path.size() - name.size() - (path == name ? 0 : 1));
    std::vector<std::string> names;
    std::vector<std::string> all_names;
    for (const KeySpec& spec : table_.keys) {
      if (spec.section == section) names.push_back(spec.name);
      all_names.push_back(spec.name);
    }
    if (auto match = closest_match(name, names)) return section + "." + *match;
    if (auto match = closest_match(name, all_names)) {
      for (const KeySpec& spec : table_.keys) {
        if (spec.name == *match) return spec.path;
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> suggest_section(const std::string& path) const {
    std::vector<std::string> names;
    for (const auto& section : table_.sections)
      names.push_back(section.name);
    auto match = closest_match(path, names);
    if (match) return "[" + *match + "]";
    return std::nullopt;
  }

  // Compares key paths, not variable names: the shared SIGTRADER_ prefix must not make
  // SIGTRADER_WEB__PORT look close to SIGTRADER_API__PORT.
  std::optional<std::string> suggest_env_name(const std::string& path) const {
    std::vector<std::string> paths;
    for (const KeySpec& spec : table_.keys)
      paths.push_back(spec.path);
    auto match = closest_match(path, paths);
    if (match) return table_.find_key(*match)->env_name;
    return std::nullopt;
  }

  // "risk.daily_los" for SIGTRADER_RISK__DAILY_LOS.
  static std::string path_of_env_name(std::string_view name) {
    std::string path;
    const std::string_view rest = name.substr(kEnvPrefix.size());
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (rest.substr(i, 2) == "__") {
        path += '.';
        ++i;
      } else {
        path += static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i])));
      }
    }
    return path;
  }

  void add_problem(const toml::node& node, std::string_view text) {
    const std::uint32_t line = node.source().begin.line;
    add_file_problem(line, line > 0 ? fmt::format("{}:{}: {}", origin_, line, text)
                                    : fmt::format("{}: {}", origin_, text));
  }

  void add_file_problem(std::uint32_t line, std::string text) {
    file_problems_.push_back({line, std::move(text)});
  }

  const KeyTable& table_ = detail::key_table();
  std::string origin_;
  Config config_;
  std::vector<Problem> file_problems_;
  std::vector<std::string> env_problems_;
};

}  // namespace

core::Result<Config> load_config_from_string(std::string_view toml, std::string_view origin_name,
                                             const Environment& env) {
  Loader loader(origin_name);
  loader.read_toml(toml);
  loader.apply_environment(env);
  return std::move(loader).finish();
}

core::Result<Config> load_config(const std::filesystem::path& file, const Environment& env) {
  const std::string name = file.string();
  auto text = core::read_whole_file(file);
  if (!text.ok()) {
    return core::Error(core::ErrorCode::kIo, fmt::format("{}: cannot read the config file: {}",
                                                         name, text.error().message()));
  }
  return load_config_from_string(*text, name, env);
}

}  // namespace sigtrader::config
