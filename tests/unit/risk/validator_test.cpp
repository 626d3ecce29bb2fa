#include "risk/validator.hpp"

#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sigtrader::risk {
namespace {

using core::Duration;
using core::Money;
using core::Price;
using core::Symbol;
using core::Timestamp;

const Timestamp kPosted = Timestamp::from_seconds(1'700'000'000);  // 2023-11-14T22:13:20Z
const Symbol kBtc{"BTC", "USDT"};

// A long BTC/USDT signal posted at kPosted and decided a minute later: entry 42000, stop 41000,
// targets 43000 and 44000, confidence 0.9, leverage 3.
EntryRequest long_signal() {
  EntryRequest request;
  request.ts = kPosted + Duration::minutes(1);
  request.signal_ts = kPosted;
  request.channel = core::ChannelId("telegram:-1001");
  request.symbol = kBtc;
  request.side = core::PositionSide::kLong;
  request.entry = Price::parse("42000");
  request.stop_loss = Price::parse("41000");
  request.targets = {Price::parse("43000"), Price::parse("44000")};
  request.leverage = 3;
  request.confidence = 0.9;
  return request;
}

// The mirror: a short at 42000 with the stop at 43000 and targets 41000 and 40000.
EntryRequest short_signal() {
  EntryRequest request = long_signal();
  request.side = core::PositionSide::kShort;
  request.stop_loss = Price::parse("43000");
  request.targets = {Price::parse("41000"), Price::parse("40000")};
  return request;
}

AccountView flat_account() {
  AccountView account;
  account.equity = Money::parse("10000");
  account.peak_equity = Money::parse("10000");
  account.day_start_equity = Money::parse("10000");
  return account;
}

OpenPosition position(std::string base, std::string_view notional) {
  return {Symbol{std::move(base), "USDT"}, core::PositionSide::kLong, Money::parse(notional)};
}

const Price kLast = Price::parse("42000");
const Money kNotional = Money::parse("1000");

std::vector<std::string> codes(const ValidationResult& result) {
  std::vector<std::string> out;
  for (const RiskReason& reason : result.reasons)
    out.push_back(reason.code);
  return out;
}

using Codes = std::vector<std::string>;

TEST(EntryValidator, AcceptsAnOrdinarySignalWithNoReasons) {
  const EntryValidator validator{ValidatorConfig{}};
  const ValidationResult result =
      validator.validate(long_signal(), flat_account(), kLast, kNotional);
  EXPECT_TRUE(result.accepted);
  EXPECT_TRUE(result.reasons.empty());
  EXPECT_EQ(result.symbol, kBtc);
}

TEST(EntryValidator, AcceptsConfidenceAtTheMinimumAndRefusesBelowIt) {
  const EntryValidator validator{ValidatorConfig{}};  // minimum 0.7
  EntryRequest request = long_signal();
  request.confidence = 0.70;
  EXPECT_TRUE(validator.validate(request, flat_account(), kLast, kNotional).accepted);

  request.confidence = 0.62;
  const ValidationResult result = validator.validate(request, flat_account(), kLast, kNotional);
  EXPECT_FALSE(result.accepted);
  ASSERT_EQ(result.reasons.size(), 1u);
  EXPECT_EQ(result.reasons[0],
            (RiskReason{"min_confidence", "confidence 0.62 is below the minimum 0.70"}));

  request.confidence = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(codes(validator.validate(request, flat_account(), kLast, kNotional)),
            Codes{"min_confidence"});
}

TEST(EntryValidator, RefusesADeniedSymbol) {
  ValidatorConfig config;
  config.denied_symbols = {kBtc};
  const EntryValidator validator{config};
  const ValidationResult result =
      validator.validate(long_signal(), flat_account(), kLast, kNotional);
  EXPECT_FALSE(result.accepted);
  ASSERT_EQ(codes(result), Codes{"symbol_denied"});
  EXPECT_EQ(result.reasons[0].text, "BTC/USDT is on the deny list");
}

TEST(EntryValidator, RefusesASymbolMissingFromANonEmptyAllowList) {
  ValidatorConfig config;
  config.allowed_symbols = {Symbol{"ETH", "USDT"}};
  EXPECT_EQ(codes(EntryValidator{config}.validate(long_signal(), flat_account(), kLast, kNotional)),
            Codes{"symbol_not_allowed"});

  config.allowed_symbols.insert(kBtc);
  EXPECT_TRUE(
      EntryValidator{config}.validate(long_signal(), flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, MapsTheSymbolBeforeTheAllowAndDenyLists) {
  const Symbol pepe{"PEPE", "USDT"};
  const Symbol pepe_1000{"1000PEPE", "USDT"};
  ValidatorConfig config;
  config.symbol_map = {{pepe, pepe_1000}};
  config.allowed_symbols = {pepe_1000};  // only the venue's name is listed
  config.denied_symbols = {pepe};        // the signal's name no longer applies once mapped
  EntryRequest request = long_signal();
  request.symbol = pepe;

  const ValidationResult mapped =
      EntryValidator{config}.validate(request, flat_account(), kLast, kNotional);
  EXPECT_TRUE(mapped.accepted);
  EXPECT_EQ(mapped.symbol, pepe_1000);

  config.denied_symbols = {pepe_1000};
  const ValidationResult denied =
      EntryValidator{config}.validate(request, flat_account(), kLast, kNotional);
  EXPECT_EQ(codes(denied), Codes{"symbol_denied"});
  EXPECT_EQ(denied.reasons[0].text, "1000PEPE/USDT is on the deny list");
}

TEST(EntryValidator, CountsExposureOnTheMappedSymbol) {
  const Symbol pepe{"PEPE", "USDT"};
  ValidatorConfig config;
  config.symbol_map = {{pepe, Symbol{"1000PEPE", "USDT"}}};
  AccountView account = flat_account();
  account.positions = {position("1000PEPE", "1500")};
  EntryRequest request = long_signal();
  request.symbol = pepe;
  // 1500 open + 1000 = 2500 > 20% of 10000.
  EXPECT_EQ(codes(EntryValidator{config}.validate(request, account, kLast, kNotional)),
            Codes{"max_symbol_exposure"});
}

TEST(EntryValidator, RefusesASymbolUntilItsCooldownHasPassed) {
  EntryValidator validator{ValidatorConfig{}};  // 30 minutes
  const EntryRequest first = long_signal();
  validator.record_entry(first);

  // Another channel's signal on the same symbol, so that only the cooldown applies.
  EntryRequest later = long_signal();
  later.channel = core::ChannelId("telegram:-1002");
  later.signal_ts = first.ts + Duration::minutes(30) - Duration::seconds(1);
  later.ts = later.signal_ts;
  const ValidationResult early = validator.validate(later, flat_account(), kLast, kNotional);
  ASSERT_EQ(codes(early), Codes{"symbol_cooldown"});
  EXPECT_EQ(early.reasons[0].text,
            "the last entry on BTC/USDT was at 2023-11-14T22:14:20Z (29m59s ago); the cooldown "
            "of 30m lasts until 2023-11-14T22:44:20Z");

  later.signal_ts = first.ts + Duration::minutes(30);
  later.ts = later.signal_ts;
  EXPECT_TRUE(validator.validate(later, flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, CooldownOfOneSymbolLeavesOthersFree) {
  EntryValidator validator{ValidatorConfig{}};
  validator.record_entry(long_signal());
  EntryRequest other = long_signal();
  other.symbol = Symbol{"ETH", "USDT"};
  EXPECT_TRUE(validator.validate(other, flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, AcceptsTheLastAllowedOpenPositionAndRefusesOneMore) {
  const EntryValidator validator{ValidatorConfig{}};  // 5 positions
  AccountView account = flat_account();
  account.positions = {position("ETH", "100"), position("SOL", "100"), position("XRP", "100"),
                       position("ADA", "100")};
  EXPECT_TRUE(validator.validate(long_signal(), account, kLast, kNotional).accepted);

  account.positions.push_back(position("DOGE", "100"));
  const ValidationResult result = validator.validate(long_signal(), account, kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"max_open_positions"});
  EXPECT_EQ(result.reasons[0].text,
            "5 positions are open; this entry would make 6, above the maximum 5");
}

TEST(EntryValidator, AcceptsSymbolExposureAtTheLimitAndRefusesOneCentMore) {
  const EntryValidator validator{ValidatorConfig{}};  // 20% of 10000 = 2000
  AccountView account = flat_account();
  account.positions = {position("BTC", "1000"), position("ETH", "3000")};
  EXPECT_TRUE(validator.validate(long_signal(), account, kLast, Money::parse("1000")).accepted);

  const ValidationResult result =
      validator.validate(long_signal(), account, kLast, Money::parse("1000.01"));
  ASSERT_EQ(codes(result), Codes{"max_symbol_exposure"});
  EXPECT_EQ(result.reasons[0].text,
            "exposure to BTC/USDT would be 2000.01 with this entry, above the maximum 2000.00 "
            "(20.00% of equity 10000)");
}

TEST(EntryValidator, CountsAShortPositionsNotionalAsExposure) {
  const EntryValidator validator{ValidatorConfig{}};
  AccountView account = flat_account();
  account.positions = {position("BTC", "-1500")};
  EXPECT_EQ(codes(validator.validate(long_signal(), account, kLast, Money::parse("500.01"))),
            Codes{"max_symbol_exposure"});
}

TEST(EntryValidator, AcceptsTotalExposureAtTheLimitAndRefusesOneCentMore) {
  ValidatorConfig config;  // 100% of 10000
  config.max_open_positions = 10;
  const EntryValidator validator{config};
  AccountView account = flat_account();
  account.positions = {position("ETH", "1800"), position("SOL", "1800"), position("XRP", "1800"),
                       position("ADA", "1800"), position("DOGE", "1800")};
  EXPECT_TRUE(validator.validate(long_signal(), account, kLast, Money::parse("1000")).accepted);

  const ValidationResult result =
      validator.validate(long_signal(), account, kLast, Money::parse("1000.01"));
  ASSERT_EQ(codes(result), Codes{"max_total_exposure"});
  EXPECT_EQ(result.reasons[0].text,
            "total exposure would be 10000.01 with this entry, above the maximum 10000.00 "
            "(100.00% of equity 10000)");
}

TEST(EntryValidator, AcceptsTheMaximumLeverageAndRefusesMoreInsteadOfCapping) {
  const EntryValidator validator{ValidatorConfig{}};  // 10x
  EntryRequest request = long_signal();
  request.leverage = 10;
  EXPECT_TRUE(validator.validate(request, flat_account(), kLast, kNotional).accepted);

  request.leverage = 11;
  const ValidationResult result = validator.validate(request, flat_account(), kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"max_leverage"});
  EXPECT_EQ(result.reasons[0].text, "leverage 11x is above the maximum 10x");
}

TEST(EntryValidator, HaltsEntriesOnceDrawdownPassesTheMaximum) {
  const EntryValidator validator{ValidatorConfig{}};  // 20% of the 10000 peak = 8000
  AccountView account = flat_account();
  account.equity = Money::parse("8000");
  EXPECT_TRUE(validator.validate(long_signal(), account, kLast, kNotional).accepted);

  account.equity = Money::parse("7999.99");
  const ValidationResult result = validator.validate(long_signal(), account, kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"max_drawdown"});
  EXPECT_EQ(result.reasons[0].text,
            "drawdown 20.00% (equity 7999.99 against the peak 10000) is beyond the maximum "
            "20.00%; entries are halted");
}

TEST(EntryValidator, RefusesALongWhoseStopIsNotBelowTheEntry) {
  const EntryValidator validator{ValidatorConfig{}};
  EntryRequest request = long_signal();
  request.stop_loss = Price::parse("41999.99");
  EXPECT_TRUE(validator.validate(request, flat_account(), kLast, kNotional).accepted);

  request.stop_loss = Price::parse("42000");
  // The last price 42000 is also at the stop, so the signal is stale as well.
  const ValidationResult result = validator.validate(request, flat_account(), kLast, kNotional);
  EXPECT_EQ(codes(result), (Codes{"inconsistent_signal", "stale_price"}));
  EXPECT_EQ(result.reasons[0].text, "stop 42000 is at or above the entry 42000 of a long");
}

TEST(EntryValidator, RefusesALongWithATargetNotAboveTheEntry) {
  const EntryValidator validator{ValidatorConfig{}};
  EntryRequest request = long_signal();
  request.targets = {Price::parse("43000"), Price::parse("42000")};
  const ValidationResult result = validator.validate(request, flat_account(), kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"inconsistent_signal"});
  EXPECT_EQ(result.reasons[0].text, "target 2 (42000) is at or below the entry 42000 of a long");
}

TEST(EntryValidator, RefusesAShortWithItsStopAndTargetOnTheWrongSide) {
  const EntryValidator validator{ValidatorConfig{}};
  EXPECT_TRUE(validator.validate(short_signal(), flat_account(), kLast, kNotional).accepted);

  EntryRequest request = short_signal();
  request.stop_loss = Price::parse("41000");
  request.targets = {Price::parse("43000")};
  const ValidationResult result = validator.validate(request, flat_account(), kLast, kNotional);
  // With the stop below and the target above, every price is past one of them: stale too.
  EXPECT_EQ(codes(result),
            (Codes{"inconsistent_signal", "inconsistent_signal", "stale_price", "stale_price"}));
  EXPECT_EQ(result.reasons[0].text, "stop 41000 is at or below the entry 42000 of a short");
  EXPECT_EQ(result.reasons[1].text, "target 1 (43000) is at or above the entry 42000 of a short");
}

TEST(EntryValidator, RefusesWhatTheParserFlaggedUnlessConfiguredNotTo) {
  ValidatorConfig config;
  EntryRequest request = long_signal();
  request.warnings = {"entry range is reversed", "leverage mentioned twice"};
  const ValidationResult result =
      EntryValidator{config}.validate(request, flat_account(), kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"inconsistent_signal"});
  EXPECT_EQ(result.reasons[0].text,
            "the parser flagged the signal: entry range is reversed; leverage mentioned twice");

  config.reject_inconsistent = false;
  EXPECT_TRUE(EntryValidator{config}.validate(request, flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, RefusesALongWhosePriceAlreadyReachedTheFirstTarget) {
  const EntryValidator validator{ValidatorConfig{}};
  EXPECT_TRUE(validator.validate(long_signal(), flat_account(), Price::parse("42999.99"), kNotional)
                  .accepted);
  const ValidationResult result =
      validator.validate(long_signal(), flat_account(), Price::parse("43000"), kNotional);
  ASSERT_EQ(codes(result), Codes{"stale_price"});
  EXPECT_EQ(result.reasons[0].text,
            "price 43000 is already at or above the first target 43000 of a long");
}

TEST(EntryValidator, RefusesALongWhosePriceAlreadyReachedTheStop) {
  const EntryValidator validator{ValidatorConfig{}};
  EXPECT_TRUE(validator.validate(long_signal(), flat_account(), Price::parse("41000.01"), kNotional)
                  .accepted);
  const ValidationResult result =
      validator.validate(long_signal(), flat_account(), Price::parse("41000"), kNotional);
  ASSERT_EQ(codes(result), Codes{"stale_price"});
  EXPECT_EQ(result.reasons[0].text, "price 41000 is already at or below the stop 41000 of a long");
}

TEST(EntryValidator, RefusesAShortWhosePriceAlreadyReachedTheTargetOrTheStop) {
  const EntryValidator validator{ValidatorConfig{}};
  const auto at = [&](std::string_view price) {
    return codes(
        validator.validate(short_signal(), flat_account(), Price::parse(price), kNotional));
  };
  EXPECT_EQ(at("41000.01"), Codes{});
  EXPECT_EQ(at("41000"), Codes{"stale_price"});
  EXPECT_EQ(at("42999.99"), Codes{});
  EXPECT_EQ(at("43000"), Codes{"stale_price"});
}

TEST(EntryValidator, RefusesWithoutAMarketPriceToCheckAgainst) {
  const EntryValidator validator{ValidatorConfig{}};
  EXPECT_EQ(codes(validator.validate(long_signal(), flat_account(), Price(), kNotional)),
            Codes{"stale_price"});
}

TEST(EntryValidator, AcceptsASignalAtTheMaximumAgeAndRefusesAnOlderOne) {
  const EntryValidator validator{ValidatorConfig{}};  // 5 minutes
  EntryRequest request = long_signal();
  request.ts = kPosted + Duration::minutes(5);
  EXPECT_TRUE(validator.validate(request, flat_account(), kLast, kNotional).accepted);

  request.ts = kPosted + Duration::minutes(5) + Duration::seconds(1);
  const ValidationResult result = validator.validate(request, flat_account(), kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"stale_signal"});
  EXPECT_EQ(result.reasons[0].text,
            "signal posted at 2023-11-14T22:13:20Z is 5m1s old, older than the maximum 5m");
}

TEST(EntryValidator, DoesNotAgeOrDeduplicateAStrategysOwnEntries) {
  ValidatorConfig config;
  config.symbol_cooldown = Duration();
  EntryValidator validator{config};
  EntryRequest request = long_signal();
  request.channel = core::ChannelId();
  request.signal_ts = Timestamp();  // a strategy has no post time
  EXPECT_TRUE(validator.validate(request, flat_account(), kLast, kNotional).accepted);
  validator.record_entry(request);
  EXPECT_TRUE(validator.validate(request, flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, SuppressesARepeatFromTheSameChannelWithinTheWindow) {
  ValidatorConfig config;  // 1 hour window
  config.symbol_cooldown = Duration();
  EntryValidator validator{config};
  validator.record_entry(long_signal());

  EntryRequest repeat = long_signal();
  repeat.signal_ts = kPosted + Duration::hours(1) - Duration::seconds(1);
  repeat.ts = repeat.signal_ts;
  const ValidationResult result = validator.validate(repeat, flat_account(), kLast, kNotional);
  ASSERT_EQ(codes(result), Codes{"duplicate_signal"});
  EXPECT_EQ(result.reasons[0].text,
            "telegram:-1001 already signalled a long on BTC/USDT at 2023-11-14T22:13:20Z (59m59s "
            "before this one); repeats within 1h are suppressed");

  repeat.signal_ts = kPosted + Duration::hours(1);
  repeat.ts = repeat.signal_ts;
  EXPECT_TRUE(validator.validate(repeat, flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, DoesNotTreatAnotherChannelOrSideAsADuplicate) {
  ValidatorConfig config;
  config.symbol_cooldown = Duration();
  EntryValidator validator{config};
  validator.record_entry(long_signal());

  EntryRequest other_channel = long_signal();
  other_channel.channel = core::ChannelId("telegram:-1002");
  EXPECT_TRUE(validator.validate(other_channel, flat_account(), kLast, kNotional).accepted);

  EXPECT_TRUE(validator.validate(short_signal(), flat_account(), kLast, kNotional).accepted);
  EXPECT_EQ(codes(validator.validate(long_signal(), flat_account(), kLast, kNotional)),
            Codes{"duplicate_signal"});
}

TEST(EntryValidator, ValidatingDoesNotRecordTheEntry) {
  // Only record_entry() starts a cooldown or a duplicate window.
  const EntryValidator validator{ValidatorConfig{}};
  const ValidationResult first =
      validator.validate(long_signal(), flat_account(), kLast, kNotional);
  const ValidationResult second =
      validator.validate(long_signal(), flat_account(), kLast, kNotional);
  EXPECT_TRUE(first.accepted);
  EXPECT_TRUE(second.accepted);
}

TEST(EntryValidator, AcceptsTheSameSignalAgainOnceItsWindowsHavePassed) {
  EntryValidator validator{ValidatorConfig{}};
  validator.record_entry(long_signal());
  // A later entry on another symbol drops the first one's memory, which no longer matters.
  EntryRequest later = long_signal();
  later.symbol = Symbol{"ETH", "USDT"};
  later.signal_ts = kPosted + Duration::hours(2);
  later.ts = later.signal_ts;
  validator.record_entry(later);
  EntryRequest again = long_signal();
  again.signal_ts = kPosted + Duration::hours(2);
  again.ts = again.signal_ts;
  EXPECT_TRUE(validator.validate(again, flat_account(), kLast, kNotional).accepted);
}

TEST(EntryValidator, CollectsEveryReasonRatherThanTheFirst) {
  ValidatorConfig config;
  config.denied_symbols = {kBtc};
  EntryValidator validator{config};
  validator.record_entry(long_signal());

  EntryRequest request = long_signal();
  request.ts = kPosted + Duration::minutes(10);  // 10m old, 9m after the recorded entry
  request.confidence = 0.5;
  request.leverage = 20;
  AccountView account = flat_account();
  // 30% drawdown, and 1500 on BTC/USDT is above 20% of 7000 = 1400.
  account.equity = Money::parse("7000");
  const ValidationResult result =
      validator.validate(request, account, Price::parse("44000"), Money::parse("1500"));
  EXPECT_FALSE(result.accepted);
  EXPECT_EQ(codes(result), (Codes{"symbol_denied", "stale_signal", "stale_price", "min_confidence",
                                  "duplicate_signal", "symbol_cooldown", "max_leverage",
                                  "max_symbol_exposure", "max_drawdown"}));
}

TEST(DrawdownRiskScale, FallsLinearlyToTheFloorAndRecoversWithEquity) {
  const ValidatorConfig config;  // max 20%, floor 0.25
  AccountView account = flat_account();
  const auto scale_at = [&](std::string_view equity) {
    account.equity = Money::parse(equity);
    return drawdown_risk_scale(account, config);
  };
  EXPECT_DOUBLE_EQ(scale_at("10000"), 1.0);    // at the peak
  EXPECT_DOUBLE_EQ(scale_at("9500"), 0.8125);  // 5%: 1 - 0.75 × 0.25
  EXPECT_DOUBLE_EQ(scale_at("9000"), 0.625);   // 10%: 1 - 0.75 × 0.5
  EXPECT_DOUBLE_EQ(scale_at("8000"), 0.25);    // 20%: the floor
  EXPECT_DOUBLE_EQ(scale_at("7000"), 0.25);    // beyond the maximum it stays at the floor
  EXPECT_DOUBLE_EQ(scale_at("9000"), 0.625);   // recovering the same way back up
  EXPECT_DOUBLE_EQ(scale_at("10500"), 1.0);    // above a peak not yet updated
}

TEST(DrawdownRiskScale, UsesTheConfiguredMaximumAndFloor) {
  ValidatorConfig config;
  config.max_drawdown_pct = 10.0;
  config.drawdown_scale_floor = 0.5;
  AccountView account = flat_account();
  account.equity = Money::parse("9600");  // 4%: 1 - 0.5 × 0.4 = 0.8
  EXPECT_DOUBLE_EQ(drawdown_risk_scale(account, config), 0.8);
}

TEST(DrawdownPct, IsMeasuredFromThePeak) {
  AccountView account = flat_account();
  account.equity = Money::parse("9000");
  EXPECT_DOUBLE_EQ(drawdown_pct(account), 10.0);
  account.equity = Money::parse("-50");
  EXPECT_DOUBLE_EQ(drawdown_pct(account), 100.0);
  account.peak_equity = Money();
  EXPECT_DOUBLE_EQ(drawdown_pct(account), 0.0);
}

TEST(ValidatorConfig, DefaultsAreValid) {
  EXPECT_TRUE(ValidatorConfig{}.validate().ok());
}

TEST(ValidatorConfig, NamesTheFieldThatIsOutOfRange) {
  ValidatorConfig config;
  config.min_confidence = 1.5;
  const core::Status status = config.validate();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), core::ErrorCode::kConfig);
  EXPECT_EQ(status.error().message(), "risk validator: min_confidence 1.5 is not in 0..1");

  config = ValidatorConfig{};
  config.max_leverage = 0;
  EXPECT_EQ(config.validate().error().message(), "risk validator: max_leverage 0 is below 1");

  config = ValidatorConfig{};
  config.max_symbol_exposure_pct = 0;
  EXPECT_EQ(config.validate().error().message(),
            "risk validator: max_symbol_exposure_pct 0 is not a positive percentage");
}

}  // namespace
}  // namespace sigtrader::risk
