#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"

namespace sigtrader::ai {

// Checks that `bytes` are a whole fastText 0.9.2 model file of the kind FastTextModel runs: a
// supervised softmax classifier with at least two labels, neither quantized nor pruned, its
// matrices sized as its header says and holding only finite weights, nothing after them.
//
// fastText's own loader trusts the file: a truncated dictionary makes it loop forever and a
// garbage size makes it allocate without bound. So every file is checked here first; kParse
// names `source` and what is wrong.
core::Status check_fasttext_model_bytes(std::string_view bytes, const std::string& source);

}  // namespace sigtrader::ai
