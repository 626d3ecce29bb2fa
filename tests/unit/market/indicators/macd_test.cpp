#include "market/indicators/macd.hpp"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "market/indicators/ema.hpp"
#include "random_walk.hpp"

namespace sigtrader::market::indicators {
namespace {

using testing::expect_identical;
using testing::leading_nans;
using testing::make_random_walk;

struct MacdColumns {
  std::vector<double> line, signal, histogram;
};

MacdColumns run_batch(const std::vector<double>& close, std::size_t fast, std::size_t slow,
                      std::size_t signal) {
  MacdColumns out{std::vector<double>(close.size()), std::vector<double>(close.size()),
                  std::vector<double>(close.size())};
  macd(close, fast, slow, signal, out.line, out.signal, out.histogram);
  return out;
}

TEST(Macd, WorkedExampleWithBothEmasStartingOnTheSameBar) {
  // MACD(2,3,2) of 1,2,4,8,16,32. Slow EMA(3), alpha 1/2, seeded (1+2+4)/3 = 7/3 at index 2:
  // 31/6, 127/12, 511/24. Fast EMA(2), alpha 2/3, seeded with the SMA of the 2 values ending at
  // index 2, (2+4)/2 = 3: 19/3, 115/9, 691/27. Line from index 2: 2/3, 7/6, 79/36, 929/216.
  // Signal EMA(2) seeded (2/3 + 7/6)/2 = 11/12 at index 3, then 191/108, 280/81.
  const MacdColumns out = run_batch({1, 2, 4, 8, 16, 32}, 2, 3, 2);
  EXPECT_EQ(leading_nans(out.line), 3U);
  EXPECT_NEAR(out.line[3], 7.0 / 6.0, 1e-12);
  EXPECT_NEAR(out.signal[3], 11.0 / 12.0, 1e-12);
  EXPECT_NEAR(out.histogram[3], 0.25, 1e-12);
  EXPECT_NEAR(out.line[4], 79.0 / 36.0, 1e-12);
  EXPECT_NEAR(out.signal[4], 191.0 / 108.0, 1e-12);
  EXPECT_NEAR(out.line[5], 929.0 / 216.0, 1e-12);
  EXPECT_NEAR(out.signal[5], 280.0 / 81.0, 1e-12);
}

TEST(Macd, LookbackIs33For12_26_9) {
  EXPECT_EQ(Macd::lookback(26, 9), 33U);
  const auto walk = make_random_walk(200);
  const MacdColumns out = run_batch(walk.close, 12, 26, 9);
  EXPECT_EQ(leading_nans(out.line), 33U);
  EXPECT_EQ(leading_nans(out.signal), 33U);
  EXPECT_EQ(leading_nans(out.histogram), 33U);
}

TEST(Macd, LineIsTheDifferenceOfEmasAlignedOnTheSlowSeedAndHistogramIsLineMinusSignal) {
  // Independent composition of the documented rule from the EMA building block.
  const auto walk = make_random_walk(3000);
  const std::vector<double>& x = walk.close;
  const MacdColumns out = run_batch(x, 12, 26, 9);
  std::vector<double> slow(x.size());
  ema(x, 26, slow);
  const std::vector<double> fast_input(x.begin() + 14, x.end());
  std::vector<double> fast(fast_input.size());
  ema(fast_input, 12, fast);
  std::vector<double> line;
  for (std::size_t i = 25; i < x.size(); ++i)
    line.push_back(fast[i - 14] - slow[i]);
  std::vector<double> signal(line.size());
  ema(line, 9, signal);
  for (std::size_t i = 33; i < x.size(); ++i) {
    ASSERT_EQ(out.line[i], line[i - 25]) << i;
    ASSERT_EQ(out.signal[i], signal[i - 25]) << i;
    ASSERT_EQ(out.histogram[i], out.line[i] - out.signal[i]) << i;
  }
}

TEST(Macd, StreamingMatchesBatchExactly) {
  const auto walk = make_random_walk(5000);
  const MacdColumns batch = run_batch(walk.close, 12, 26, 9);
  Macd streaming(12, 26, 9);
  MacdColumns streamed;
  for (double close : walk.close) {
    const MacdValue value = streaming.update(close);
    EXPECT_EQ(streaming.ready(), !std::isnan(value.line));
    streamed.line.push_back(value.line);
    streamed.signal.push_back(value.signal);
    streamed.histogram.push_back(value.histogram);
  }
  expect_identical(batch.line, streamed.line, "macd line");
  expect_identical(batch.signal, streamed.signal, "macd signal");
  expect_identical(batch.histogram, streamed.histogram, "macd histogram");
}

TEST(Macd, StreamingMatchesBatchExactlyThroughEverySeedingPhase) {
  // The batch form runs its seeding phases as separate loops; inputs that end inside each phase,
  // and a signal period of 1 (ready on the first line), must still match the streaming form.
  const auto walk = make_random_walk(300);
  struct Periods {
    std::size_t fast, slow, signal;
  };
  for (const Periods p :
       {Periods{12, 26, 9}, Periods{2, 3, 1}, Periods{1, 2, 2}, Periods{5, 35, 5}}) {
    for (std::size_t length : {std::size_t{0}, p.slow - 1, p.slow, Macd::lookback(p.slow, p.signal),
                               Macd::lookback(p.slow, p.signal) + 1, std::size_t{300}}) {
      const std::vector<double> close(walk.close.begin(), walk.close.begin() + length);
      const MacdColumns batch = run_batch(close, p.fast, p.slow, p.signal);
      Macd streaming(p.fast, p.slow, p.signal);
      MacdColumns streamed;
      for (double value : close) {
        const MacdValue out = streaming.update(value);
        streamed.line.push_back(out.line);
        streamed.signal.push_back(out.signal);
        streamed.histogram.push_back(out.histogram);
      }
      expect_identical(batch.line, streamed.line, "macd line");
      expect_identical(batch.signal, streamed.signal, "macd signal");
      expect_identical(batch.histogram, streamed.histogram, "macd histogram");
    }
  }
}

}  // namespace
}  // namespace sigtrader::market::indicators
