#pragma once

namespace sigtrader::core {

// 128-bit integers for exact intermediate products; __extension__ keeps -Wpedantic quiet about a
// type that g++ and clang both provide on every 64-bit target we build for.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

}  // namespace sigtrader::core
