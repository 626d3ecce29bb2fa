#include "api/static_files.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace sigtrader::api {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  // Runs before files_ is built (member order), so that the root exists when it is resolved.
  static bool make_tree(const testing::TempDir& dir) {
    std::filesystem::create_directories(dir.path() / "dist" / "assets");
    dir.write("dist/index.html", "<html>dash</html>");
    dir.write("dist/assets/app-1a2b.js", "console.log(1)");
    dir.write("secret.txt", "do not serve");
    std::filesystem::create_symlink(dir.path() / "secret.txt", dir.path() / "dist" / "link.txt");
    return true;
  }
  testing::TempDir dir_;
  StaticFiles files_{(make_tree(dir_), dir_.path() / "dist")};
};

TEST_F(StaticFilesTest, ServesIndexAtTheRootAndAssetsWithTheirTypes) {
  const auto index = files_.serve("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->body, "<html>dash</html>");
  const auto script = files_.serve("/assets/app-1a2b.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->body, "console.log(1)");
  bool typed = false;
  bool immutable = false;
  for (const auto& [name, value] : script->headers) {
    typed = typed || (name == "Content-Type" && value == "text/javascript; charset=utf-8");
    immutable =
        immutable || (name == "Cache-Control" && value.find("immutable") != std::string::npos);
  }
  EXPECT_TRUE(typed);
  EXPECT_TRUE(immutable);
}

TEST_F(StaticFilesTest, RefusesEveryWayOutOfTheFolder) {
  for (const char* path : {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt",
                           "/%2E%2E%2Fsecret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/..\\secret.txt", "/index.html%00.js", "/link.txt", "/%zz"}) {
    const auto response = files_.serve(path);
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 400) << path;
    EXPECT_EQ(response->body.find("do not serve"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, AMissingFileIsNotServed) {
  EXPECT_FALSE(files_.serve("/nope.js"));
  EXPECT_FALSE(files_.serve("/assets"));
  EXPECT_FALSE(StaticFiles(dir_.path() / "absent").serve("/"));
}

}  // namespace
}  // namespace sigtrader::api
