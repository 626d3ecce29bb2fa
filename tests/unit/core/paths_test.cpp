#include "core/paths.hpp"

#include <gtest/gtest.h>

namespace sigtrader::core {
namespace {

TEST(IsWithin, AcceptsTheRootItselfAndWhatLiesBelowIt) {
  EXPECT_TRUE(is_within("/srv/data", "/srv/data"));
  EXPECT_TRUE(is_within("/srv/data/btc.csv", "/srv/data"));
  EXPECT_TRUE(is_within("/srv/data/1m/btc.csv", "/srv/data"));
}

TEST(IsWithin, RefusesASiblingThatOnlySharesThePrefixOfItsName) {
  EXPECT_FALSE(is_within("/srv/database/btc.csv", "/srv/data"));
  EXPECT_FALSE(is_within("/srv/dat", "/srv/data"));
}

TEST(IsWithin, RefusesAParentAndAnUnrelatedFolder) {
  EXPECT_FALSE(is_within("/srv", "/srv/data"));
  EXPECT_FALSE(is_within("/etc/passwd", "/srv/data"));
  EXPECT_FALSE(is_within("", "/srv/data"));
}

}  // namespace
}  // namespace sigtrader::core
