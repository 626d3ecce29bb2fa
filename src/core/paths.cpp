#include "core/paths.hpp"

#include <algorithm>

namespace sigtrader::core {

bool is_within(const std::filesystem::path& path, const std::filesystem::path& root) {
  const auto [root_end, path_at] =
      std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return root_end == root.end();
}

}  // namespace sigtrader::core
