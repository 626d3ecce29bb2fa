#include "config/suggest.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::config {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("risk", "risk"), 0u);
  EXPECT_EQ(edit_distance("", "risk"), 4u);
  EXPECT_EQ(edit_distance("rsik", "risk"), 1u);  // one swap of neighbours
  EXPECT_EQ(edit_distance("port", "prt"), 1u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ClosestMatch, PrefersTheNearestCandidateAndTheFirstOnATie) {
  const std::vector<std::string> names = {"mode", "data_dir", "node"};
  EXPECT_EQ(closest_match("mood", names), "mode");
  EXPECT_EQ(closest_match("data_dri", names), "data_dir");
  EXPECT_EQ(closest_match("zzzzzzzz", names), std::nullopt);
  EXPECT_EQ(closest_match("x", names), std::nullopt);
}

TEST(ClosestMatch, SuggestsAKeyThatStartsWithTheTypedName) {
  const std::vector<std::string> names = {"daily_loss_pct", "cooldown"};
  EXPECT_EQ(closest_match("daily_loss", names), "daily_loss_pct");
  EXPECT_EQ(closest_match("dai", names), std::nullopt);  // too short to be a sure prefix
}

}  // namespace
}  // namespace sigtrader::config
