#include "signals/signal_linker.hpp"

#include <gtest/gtest.h>

namespace sigtrader::signals {
namespace {

const core::ChannelId kCalls("file:calls");
const core::ChannelId kOther("file:other");

core::Timestamp day(std::int64_t n) {
  return core::Timestamp::from_seconds(1'700'000'000) + core::Duration::days(n);
}

core::Symbol coin(std::string base) {
  return core::Symbol{.base = std::move(base), .quote = "USDT"};
}

RememberedSignal long_of(std::int64_t message, std::string base, core::Timestamp ts_init,
                         std::int64_t key = 0) {
  return RememberedSignal{.message_id = core::MessageId(message),
                          .symbol = coin(std::move(base)),
                          .side = core::PositionSide::kLong,
                          .ts_init = ts_init,
                          .key = key};
}

TEST(SignalLinker, AReplyLinksToTheRepliedToSignalWhateverItsCoin) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0), 11));
  linker.remember_signal(kCalls, long_of(2, "ETH", day(1), 12));
  const SignalLink link = linker.link(kCalls, core::MessageId(1), std::nullopt, day(2));
  ASSERT_TRUE(link.linked());
  EXPECT_EQ(link.rule, LinkRule::kReply);
  EXPECT_EQ(link.signal->message_id, core::MessageId(1));
  EXPECT_EQ(link.signal->key, 11);
  EXPECT_EQ(to_string(link.rule), "reply");
}

TEST(SignalLinker, AReplyToAnUpdateLinksToThatUpdatesSignal) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0), 11));
  linker.remember_update(kCalls, core::MessageId(5), long_of(1, "BTC", day(0), 11));
  const SignalLink link = linker.link(kCalls, core::MessageId(5), std::nullopt, day(40));
  ASSERT_TRUE(link.linked()) << link.reason;
  EXPECT_EQ(link.rule, LinkRule::kReply);
  EXPECT_EQ(link.signal->message_id, core::MessageId(1)) << "a reply ignores the windows";
}

TEST(SignalLinker, AnUpdateNamingItsCoinLinksToTheLatestSignalOfThatCoin) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "SOL", day(0), 11));
  linker.remember_signal(kCalls, long_of(2, "SOL", day(3), 12));
  linker.remember_signal(kCalls, long_of(3, "BTC", day(4), 13));
  const SignalLink link = linker.link(kCalls, std::nullopt, coin("SOL"), day(5));
  ASSERT_TRUE(link.linked());
  EXPECT_EQ(link.rule, LinkRule::kSymbol);
  EXPECT_EQ(link.signal->message_id, core::MessageId(2));
}

TEST(SignalLinker, TheSymbolRuleLooksBackThirtyDaysByDefault) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "SOL", day(0)));
  EXPECT_TRUE(linker.link(kCalls, std::nullopt, coin("SOL"), day(30)).linked());
  const SignalLink late = linker.link(kCalls, std::nullopt, coin("SOL"), day(31));
  EXPECT_FALSE(late.linked());
  EXPECT_EQ(late.reason, "no long or short of SOL/USDT in this channel in the last 30 days");
}

TEST(SignalLinker, AnUpdateWithoutACoinLinksToTheChannelsLatestSignalWithinThreeDays) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "SOL", day(0)));
  linker.remember_signal(kCalls, long_of(2, "ETH", day(1)));
  const SignalLink link = linker.link(kCalls, std::nullopt, std::nullopt, day(4));
  ASSERT_TRUE(link.linked());
  EXPECT_EQ(link.rule, LinkRule::kRecent);
  EXPECT_EQ(link.signal->message_id, core::MessageId(2));
  const SignalLink stale = linker.link(kCalls, std::nullopt, std::nullopt, day(5));
  EXPECT_FALSE(stale.linked());
  EXPECT_EQ(stale.reason,
            "the update names no coin and this channel posted no long or short in the last 3 days");
}

TEST(SignalLinker, TheWindowsAreConfigurable) {
  SignalLinker linker(LinkerOptions{.symbol_window = core::Duration::days(2),
                                    .recent_window = core::Duration::hours(1)});
  linker.remember_signal(kCalls, long_of(1, "SOL", day(0)));
  EXPECT_FALSE(linker.link(kCalls, std::nullopt, coin("SOL"), day(3)).linked());
  EXPECT_FALSE(
      linker.link(kCalls, std::nullopt, std::nullopt, day(0) + core::Duration::hours(2)).linked());
  EXPECT_TRUE(linker.link(kCalls, std::nullopt, std::nullopt, day(0) + core::Duration::minutes(30))
                  .linked());
}

TEST(SignalLinker, AnUpdateOfACoinWithNoSignalStaysUnlinkedEvenWithARecentSignal) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0)));
  const SignalLink link = linker.link(kCalls, std::nullopt, coin("DOGE"), day(0));
  EXPECT_FALSE(link.linked());
  EXPECT_EQ(link.reason, "no long or short of DOGE/USDT in this channel in the last 30 days");
}

TEST(SignalLinker, AReplyToAnUnknownPostFallsBackToTheOtherRulesAndSaysSo) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0)));
  const SignalLink by_symbol = linker.link(kCalls, core::MessageId(99), coin("BTC"), day(1));
  ASSERT_TRUE(by_symbol.linked());
  EXPECT_EQ(by_symbol.rule, LinkRule::kSymbol);
  const SignalLink none = linker.link(kCalls, core::MessageId(99), coin("ETH"), day(1));
  EXPECT_EQ(none.reason,
            "the replied-to post 99 is no known signal; no long or short of ETH/USDT in this "
            "channel in the last 30 days");
}

TEST(SignalLinker, ChannelsAreApartAndLaterSignalsNeverLink) {
  SignalLinker linker;
  linker.remember_signal(kOther, long_of(1, "BTC", day(0)));
  EXPECT_FALSE(linker.link(kCalls, std::nullopt, coin("BTC"), day(1)).linked());
  linker.remember_signal(kCalls, long_of(2, "BTC", day(5)));
  EXPECT_FALSE(linker.link(kCalls, std::nullopt, coin("BTC"), day(4)).linked())
      << "a signal visible only after the update is not what it refers to";
}

TEST(SignalLinker, AnEditReplacesTheSignalAndKeepsWhenItFirstAppeared) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0), 11));
  linker.remember_signal(kCalls, long_of(1, "ETH", day(2), 21));  // the coin was corrected
  EXPECT_FALSE(linker.link(kCalls, std::nullopt, coin("BTC"), day(3)).linked());
  const SignalLink link = linker.link(kCalls, std::nullopt, coin("ETH"), day(3));
  ASSERT_TRUE(link.linked());
  EXPECT_EQ(link.signal->key, 21);
  EXPECT_EQ(link.signal->ts_init, day(0));
}

TEST(SignalLinker, ForgottenPostsNoLongerLink) {
  SignalLinker linker;
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0)));
  EXPECT_TRUE(linker.knows(kCalls, core::MessageId(1)));
  linker.forget(kCalls, core::MessageId(1));
  EXPECT_FALSE(linker.knows(kCalls, core::MessageId(1)));
  EXPECT_FALSE(linker.link(kCalls, core::MessageId(1), coin("BTC"), day(1)).linked());
}

TEST(SignalLinker, RemembersAtMostTheConfiguredNumberOfSignalsPerChannel) {
  SignalLinker linker(LinkerOptions{.signals_per_channel = 2});
  linker.remember_signal(kCalls, long_of(1, "BTC", day(0)));
  linker.remember_signal(kCalls, long_of(2, "ETH", day(0)));
  linker.remember_signal(kCalls, long_of(3, "SOL", day(0)));
  EXPECT_FALSE(linker.knows(kCalls, core::MessageId(1)));
  EXPECT_FALSE(linker.link(kCalls, std::nullopt, coin("BTC"), day(1)).linked());
  EXPECT_TRUE(linker.link(kCalls, std::nullopt, coin("SOL"), day(1)).linked());
}

}  // namespace
}  // namespace sigtrader::signals
