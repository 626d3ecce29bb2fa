#include "ai/pretty_json.hpp"

#include <limits>

#include <boost/json/parse.hpp>

#include <gtest/gtest.h>

namespace sigtrader::ai {
namespace {

TEST(PrettyJson, PutsEachKeyOnItsOwnLineInTheObjectsOrder) {
  boost::json::object json;
  json["zeta"] = 1;
  json["alpha"] = "a\"b";
  json["list"] = boost::json::array{1, 2};
  json["empty"] = boost::json::object{};
  json["none"] = boost::json::array{};
  EXPECT_EQ(to_pretty_json(json),
            "{\n"
            "  \"zeta\": 1,\n"
            "  \"alpha\": \"a\\\"b\",\n"
            "  \"list\": [\n"
            "    1,\n"
            "    2\n"
            "  ],\n"
            "  \"empty\": {},\n"
            "  \"none\": []\n"
            "}\n");
}

TEST(PrettyJson, WritesDoublesSoTheyReadBackAsDoubles) {
  const boost::json::array numbers = {0.1, 3.0, 1e-7, 2.5e20};
  const std::string text = to_pretty_json(numbers);
  EXPECT_EQ(text, "[\n  0.1,\n  3.0,\n  1e-07,\n  2.5e+20\n]\n");
  EXPECT_EQ(boost::json::parse(text), boost::json::value(numbers));
}

TEST(PrettyJson, WritesNumbersJsonCannotHoldAsNull) {
  const boost::json::array numbers = {std::numeric_limits<double>::quiet_NaN(),
                                      std::numeric_limits<double>::infinity()};
  EXPECT_EQ(to_pretty_json(numbers), "[\n  null,\n  null\n]\n");
}

}  // namespace
}  // namespace sigtrader::ai
