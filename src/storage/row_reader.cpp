#include "storage/row_reader.hpp"

#include <fmt/format.h>

namespace sigtrader::storage {

void RowReader::fail(int column, std::string_view value, std::string_view expected) {
  if (!status_.ok()) return;  // the first bad value is the one worth reporting
  status_ = core::Error(core::ErrorCode::kStorage,
                        fmt::format("{}.{} holds '{}', which is not {}; was the database edited "
                                    "by hand?",
                                    table_, statement_.column_name(column), value, expected));
}

}  // namespace sigtrader::storage
