using System.Text.Json;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Parsing;

public static partial class WireMapper
{
    /// <summary>A wire market to the domain market.</summary>
    public static Market ToMarket(MarketWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "market " + w.Ticker;
        if (string.IsNullOrEmpty(w.Ticker)) throw new FormatException("market ticker: missing");
        return new Market
        {
            Ticker = w.Ticker,
            EventTicker = w.EventTicker,
            MarketType = string.IsNullOrEmpty(w.MarketType) ? "binary" : w.MarketType,
            Title = w.Title ?? "",
            Subtitle = w.Subtitle ?? "",
            YesSubTitle = w.YesSubTitle ?? "",
            NoSubTitle = w.NoSubTitle ?? "",
            RulesPrimary = w.RulesPrimary ?? "",
            RulesSecondary = w.RulesSecondary ?? "",
            Status = ParseStatus(w.Status, c),
            Result = ParseResult(w.Result, c),
            SettlementValue = ParsePrice(w.SettlementValueDollars, w.SettlementValue, c, "settlement_value_dollars", "settlement_value"),
            SettlementTime = ParseTime(w.SettlementTs, c, "settlement_ts"),
            CanCloseEarly = w.CanCloseEarly ?? false,
            EarlyCloseCondition = w.EarlyCloseCondition ?? "",
            SettlementTimerSeconds = w.SettlementTimerSeconds ?? 0,
            CreatedTime = ParseTime(w.CreatedTime, c, "created_time"),
            UpdatedTime = ParseTime(w.UpdatedTime, c, "updated_time"),
            OpenTime = ParseTime(w.OpenTime, c, "open_time"),
            CloseTime = ParseTime(w.CloseTime, c, "close_time"),
            ExpectedExpirationTime = ParseTime(w.ExpectedExpirationTime, c, "expected_expiration_time"),
            LatestExpirationTime = ParseTime(w.LatestExpirationTime, c, "latest_expiration_time"),
            OccurrenceTime = ParseTime(w.OccurrenceDatetime, c, "occurrence_datetime"),
            FeeWaiverExpirationTime = ParseTime(w.FeeWaiverExpirationTime, c, "fee_waiver_expiration_time"),
            StrikeType = MarketEnumsWire.ParseStrikeType(w.StrikeType),
            FloorStrike = w.FloorStrike,
            CapStrike = w.CapStrike,
            FunctionalStrike = string.IsNullOrEmpty(w.FunctionalStrike) ? null : w.FunctionalStrike,
            CustomStrikeJson = w.CustomStrike is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } cs ? cs.GetRawText() : null,
            PriceLevelStructure = w.PriceLevelStructure ?? "",
            PriceRanges = ToPriceRanges(w.PriceRanges, c),
            YesBid = ParsePrice(w.YesBidDollars, w.YesBid, c, "yes_bid_dollars", "yes_bid"),
            YesAsk = ParsePrice(w.YesAskDollars, w.YesAsk, c, "yes_ask_dollars", "yes_ask"),
            NoBid = ParsePrice(w.NoBidDollars, w.NoBid, c, "no_bid_dollars", "no_bid"),
            NoAsk = ParsePrice(w.NoAskDollars, w.NoAsk, c, "no_ask_dollars", "no_ask"),
            YesBidSize = ParseQuantity(w.YesBidSizeFp, null, c, "yes_bid_size_fp"),
            YesAskSize = ParseQuantity(w.YesAskSizeFp, null, c, "yes_ask_size_fp"),
            LastPrice = ParsePrice(w.LastPriceDollars, w.LastPrice, c, "last_price_dollars", "last_price"),
            PreviousPrice = ParsePrice(w.PreviousPriceDollars, w.PreviousPrice, c, "previous_price_dollars", "previous_price"),
            PreviousYesBid = ParsePrice(w.PreviousYesBidDollars, w.PreviousYesBid, c, "previous_yes_bid_dollars", "previous_yes_bid"),
            PreviousYesAsk = ParsePrice(w.PreviousYesAskDollars, w.PreviousYesAsk, c, "previous_yes_ask_dollars", "previous_yes_ask"),
            Volume = ParseQuantity(w.VolumeFp, w.Volume, c, "volume_fp"),
            Volume24h = ParseQuantity(w.Volume24hFp, w.Volume24h, c, "volume_24h_fp"),
            OpenInterest = ParseQuantity(w.OpenInterestFp, w.OpenInterest, c, "open_interest_fp"),
            NotionalValue = string.IsNullOrEmpty(w.NotionalValueDollars) && w.NotionalValue is null
                ? Money.FromCents(100)
                : ParseMoney(w.NotionalValueDollars, w.NotionalValue, c, "notional_value_dollars"),
            MveCollectionTicker = string.IsNullOrEmpty(w.MveCollectionTicker) ? null : w.MveCollectionTicker,
            ExchangeIndex = w.ExchangeIndex ?? 0,
        };
    }

    /// <summary>The domain market to its wire form (as a local exchange serves it).</summary>
    public static MarketWire ToWire(Market m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new MarketWire
        {
            Ticker = m.Ticker.Value,
            EventTicker = m.EventTicker.Value,
            MarketType = m.MarketType,
            Title = m.Title,
            Subtitle = m.Subtitle,
            YesSubTitle = m.YesSubTitle,
            NoSubTitle = m.NoSubTitle,
            RulesPrimary = m.RulesPrimary,
            RulesSecondary = m.RulesSecondary,
            Status = MarketEnumsWire.ToWire(m.Status),
            Result = MarketEnumsWire.ToWire(m.Result),
            SettlementValueDollars = m.SettlementValue?.ToDollarString(),
            SettlementTs = FormatTime(m.SettlementTime),
            CanCloseEarly = m.CanCloseEarly,
            EarlyCloseCondition = m.EarlyCloseCondition,
            SettlementTimerSeconds = m.SettlementTimerSeconds,
            CreatedTime = FormatTime(m.CreatedTime),
            UpdatedTime = FormatTime(m.UpdatedTime),
            OpenTime = FormatTime(m.OpenTime),
            CloseTime = FormatTime(m.CloseTime),
            ExpectedExpirationTime = FormatTime(m.ExpectedExpirationTime),
            LatestExpirationTime = FormatTime(m.LatestExpirationTime),
            OccurrenceDatetime = FormatTime(m.OccurrenceTime),
            FeeWaiverExpirationTime = FormatTime(m.FeeWaiverExpirationTime),
            StrikeType = MarketEnumsWire.ToWire(m.StrikeType),
            FloorStrike = m.FloorStrike,
            CapStrike = m.CapStrike,
            FunctionalStrike = m.FunctionalStrike,
            CustomStrike = m.CustomStrikeJson is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null,
            PriceLevelStructure = m.PriceLevelStructure,
            PriceRanges = m.PriceRanges.Select(r => new PriceRangeWire
            {
                Start = r.Start.ToDollarString(), End = r.End.ToDollarString(), Step = r.Step.ToDollarString(),
            }).ToList(),
            YesBidDollars = m.YesBid?.ToDollarString(),
            YesAskDollars = m.YesAsk?.ToDollarString(),
            NoBidDollars = m.NoBid?.ToDollarString(),
            NoAskDollars = m.NoAsk?.ToDollarString(),
            YesBidSizeFp = m.YesBidSize.ToFpString(),
            YesAskSizeFp = m.YesAskSize.ToFpString(),
            LastPriceDollars = m.LastPrice?.ToDollarString(),
            PreviousPriceDollars = m.PreviousPrice?.ToDollarString(),
            PreviousYesBidDollars = m.PreviousYesBid?.ToDollarString(),
            PreviousYesAskDollars = m.PreviousYesAsk?.ToDollarString(),
            VolumeFp = m.Volume.ToFpString(),
            Volume24hFp = m.Volume24h.ToFpString(),
            OpenInterestFp = m.OpenInterest.ToFpString(),
            NotionalValueDollars = m.NotionalValue.ToDollarString(),
            MveCollectionTicker = m.MveCollectionTicker,
            ExchangeIndex = m.ExchangeIndex,
        };
    }

    /// <summary>An event; nested markets come from <c>event.markets</c>.</summary>
    public static Event ToEvent(EventWire w) => ToEvent(w, null);

    /// <summary><c>GET /events/{e}</c>: nested markets, falling back to the deprecated top-level list.</summary>
    public static Event ToEvent(EventResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ToEvent(response.Event, response.Markets);
    }

    private static Event ToEvent(EventWire w, List<MarketWire>? topLevelMarkets)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "event " + w.EventTicker;
        if (string.IsNullOrEmpty(w.EventTicker)) throw new FormatException("event event_ticker: missing");
        var markets = w.Markets ?? topLevelMarkets ?? [];
        return new Event
        {
            Ticker = w.EventTicker,
            SeriesTicker = w.SeriesTicker,
            Title = w.Title ?? "",
            SubTitle = w.SubTitle ?? "",
            Category = w.Category ?? "",
            MutuallyExclusive = w.MutuallyExclusive ?? false,
            CollateralReturnType = w.CollateralReturnType ?? "",
            StrikeDate = ParseTime(w.StrikeDate, c, "strike_date"),
            StrikePeriod = w.StrikePeriod ?? "",
            SettlementSources = ToSources(w.SettlementSources),
            FeeTypeOverride = string.IsNullOrEmpty(w.FeeTypeOverride) ? null : Wrap(c, () => FeeSchedule.ParseType(w.FeeTypeOverride)),
            FeeMultiplierOverride = w.FeeMultiplierOverride,
            Markets = markets.Select(ToMarket).ToArray(),
        };
    }

    /// <summary>The domain event to its wire form; markets nested only when <paramref name="withNestedMarkets"/>.</summary>
    public static EventWire ToWire(Event e, bool withNestedMarkets)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EventWire
        {
            EventTicker = e.Ticker.Value,
            SeriesTicker = e.SeriesTicker.Value,
            Title = e.Title,
            SubTitle = e.SubTitle,
            Category = e.Category,
            MutuallyExclusive = e.MutuallyExclusive,
            CollateralReturnType = e.CollateralReturnType,
            StrikeDate = FormatTime(e.StrikeDate),
            StrikePeriod = e.StrikePeriod,
            SettlementSources = e.SettlementSources.Select(s => new SettlementSourceWire { Name = s.Name, Url = s.Url }).ToList(),
            FeeTypeOverride = e.FeeTypeOverride is { } t ? FeeSchedule.ToWire(t) : null,
            FeeMultiplierOverride = e.FeeMultiplierOverride,
            Markets = withNestedMarkets ? e.Markets.Select(ToWire).ToList() : null,
        };
    }

    /// <summary>A series; absent fee fields mean the standard quadratic schedule with multiplier 1.</summary>
    public static Series ToSeries(SeriesWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "series " + w.Ticker;
        if (string.IsNullOrEmpty(w.Ticker)) throw new FormatException("series ticker: missing");
        var feeType = string.IsNullOrEmpty(w.FeeType) ? FeeType.Quadratic : Wrap(c, () => FeeSchedule.ParseType(w.FeeType));
        return new Series
        {
            Ticker = w.Ticker,
            Title = w.Title ?? "",
            Category = w.Category ?? "",
            Tags = w.Tags ?? [],
            Frequency = w.Frequency ?? "",
            Fees = new FeeSchedule(feeType, w.FeeMultiplier ?? 1m),
            SettlementSources = ToSources(w.SettlementSources),
            ContractUrl = string.IsNullOrEmpty(w.ContractUrl) ? null : w.ContractUrl,
        };
    }

    /// <summary>The domain series to its wire form.</summary>
    public static SeriesWire ToWire(Series s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SeriesWire
        {
            Ticker = s.Ticker.Value,
            Title = s.Title,
            Category = s.Category,
            Tags = s.Tags.ToList(),
            Frequency = s.Frequency,
            FeeType = FeeSchedule.ToWire(s.Fees.Type),
            FeeMultiplier = s.Fees.Multiplier,
            SettlementSources = s.SettlementSources.Select(x => new SettlementSourceWire { Name = x.Name, Url = x.Url }).ToList(),
            ContractUrl = s.ContractUrl,
        };
    }

    private static PriceRange[] ToPriceRanges(List<PriceRangeWire>? ranges, string c)
    {
        if (ranges is null || ranges.Count == 0) return [];
        var result = new PriceRange[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var r = ranges[i];
            var f = $"price_ranges[{i}]";
            var start = Price.Parse(r.Start, $"{c} {f}.start");
            var end = Price.Parse(r.End, $"{c} {f}.end");
            var step = Price.Parse(r.Step, $"{c} {f}.step");
            if (step.Ticks <= 0 || end < start) throw new FormatException($"{c} {f}: start {r.Start} end {r.End} step {r.Step} is not a valid range");
            result[i] = new PriceRange(start, end, step);
        }

        return result;
    }

    private static SettlementSource[] ToSources(List<SettlementSourceWire>? sources) =>
        sources is null ? [] : sources.Select(s => new SettlementSource(s.Name, string.IsNullOrEmpty(s.Url) ? null : s.Url)).ToArray();
}
