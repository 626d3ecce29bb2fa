#include "adapters/binance/binance_error.hpp"

#include <gtest/gtest.h>

namespace sigtrader::adapters::binance {
namespace {

TEST(BinanceErrorText, QuotesBinancesCodeAndMessage) {
  const net::HttpResponse response{400, {}, R"({"code": -1121, "msg": "Invalid symbol."})"};
  EXPECT_EQ(binance_error_text(response), "HTTP 400, Binance error -1121: Invalid symbol.");
}

TEST(BinanceErrorText, FallsBackToTheStartOfANonBinanceBody) {
  const net::HttpResponse waf{403, {}, "<html>\n<body>Forbidden</body></html>"};
  EXPECT_EQ(binance_error_text(waf), "HTTP 403: <html> <body>Forbidden</body></html>");
  EXPECT_EQ(binance_error_text(net::HttpResponse{404, {}, ""}), "HTTP 404 with an empty body");
}

}  // namespace
}  // namespace sigtrader::adapters::binance
