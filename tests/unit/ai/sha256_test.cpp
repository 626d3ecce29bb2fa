#include "ai/sha256.hpp"

#include <string>

#include <gtest/gtest.h>

namespace sigtrader::ai {
namespace {

// The examples of FIPS 180-2, appendix B, and the well-known digest of the empty string.
TEST(Sha256, DigestsAbcAsFips180Says) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, DigestsTheEmptyString) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, DigestsTheTwoBlockFipsExample) {
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, ReadsEmbeddedZeroBytes) {
  EXPECT_NE(sha256_hex(std::string("a\0b", 3)), sha256_hex("ab"));
}

}  // namespace
}  // namespace sigtrader::ai
