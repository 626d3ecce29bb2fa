#pragma once

#include <filesystem>

namespace sigtrader::core {

// True when `path` is `root` or lies below it, compared component by component as written: pass
// canonical paths (std::filesystem::canonical or weakly_canonical) so that ".." and symbolic links
// cannot lead out of `root`.
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace sigtrader::core
