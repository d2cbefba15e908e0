using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// Loads Kalshi's own JSON — a <c>GET /events/{t}?with_nested_markets=true</c> response, or a JSON array of them — and
/// seeds each market's book so its best YES bid and ask equal the file's <c>yes_bid_dollars</c>/<c>yes_ask_dollars</c>
/// with the file's sizes (100 contracts where a size is missing or zero), held by a liquidity account that is not a user account.
/// Series the file does not describe get Kalshi's standard fees.
/// </summary>
public static class ScenarioFileLoader
{
    public const string LiquidityAccountName = "liquidity";
    private static readonly Quantity DefaultSize = Quantity.FromContracts(100);

    /// <summary>What was loaded.</summary>
    public sealed record Loaded(IReadOnlyList<Event> Events, IReadOnlyList<MarketTicker> Markets, AccountId LiquidityAccount);

    /// <summary>Reads events from <paramref name="path"/>; throws <see cref="FormatException"/> naming the problem.</summary>
    public static IReadOnlyList<Event> Read(string path)
    {
        var text = File.ReadAllText(path);
        using var doc = JsonDocument.Parse(text);
        var responses = doc.RootElement.ValueKind == JsonValueKind.Array
            ? doc.RootElement.EnumerateArray().Select(e => e.Deserialize(KalshiRestJsonContext.Default.EventResponse)).ToList()
            : [doc.RootElement.Deserialize(KalshiRestJsonContext.Default.EventResponse)];
        if (responses.Count == 0) throw new FormatException($"{path}: no events");
        return responses.Select((r, i) => r is null || string.IsNullOrEmpty(r.Event.EventTicker)
                ? throw new FormatException($"{path}: item {i} is not a GET /events/{{ticker}} response (no event.event_ticker)")
                : WireMapper.ToEvent(r))
            .ToArray();
    }

    /// <summary>Adds the events and markets to <paramref name="engine"/> (caller holds the lock) and seeds the books.</summary>
    public static Loaded Load(MatchingEngine engine, IReadOnlyList<Event> events)
    {
        var liquidity = engine.CreateAccount(LiquidityAccountName, Money.FromCents(100_000_000_000), AccountKind.DirectMember);
        var markets = new List<MarketTicker>();
        foreach (var ev in events)
        {
            if (engine.GetSeries(ev.SeriesTicker) is null) engine.AddSeries(new Series { Ticker = ev.SeriesTicker, Title = ev.Title, Category = ev.Category });
            engine.AddEvent(ev);
            foreach (var m in ev.Markets)
            {
                var added = engine.AddMarket(m with { OpenInterest = Quantity.Zero, Volume = Quantity.Zero });
                if (!added.IsOk) throw new FormatException($"market {m.Ticker}: {added.Error!.Message}");
                markets.Add(m.Ticker);
                Seed(engine, liquidity, m);
            }
        }

        return new Loaded(events, markets, liquidity);
    }

    private static void Seed(MatchingEngine engine, AccountId liquidity, Market m)
    {
        if (m.Status != MarketStatus.Active) return;
        var grid = m.TickGrid;
        Price? bid = m.YesBid is { Ticks: > 0 } b ? grid.RoundDown(b) : null;
        Price? ask = m.YesAsk is { Ticks: > 0 and < Price.TicksPerDollar } a ? grid.RoundUp(a) : null;
        if (bid is { } bb && ask is { } aa && bb >= aa) ask = null; // a crossed file: keep the bid only
        if (bid is { } yesBid) Place(engine, liquidity, m.Ticker, OrderSide.Bid, yesBid, m.YesBidSize.IsPositive ? m.YesBidSize : DefaultSize);
        if (ask is { } yesAsk) Place(engine, liquidity, m.Ticker, OrderSide.Ask, yesAsk, m.YesAskSize.IsPositive ? m.YesAskSize : DefaultSize);
    }

    private static void Place(MatchingEngine engine, AccountId liquidity, MarketTicker ticker, OrderSide side, Price price, Quantity size)
    {
        var r = engine.Submit(liquidity, new OrderRequest { Ticker = ticker, Side = side, YesPrice = price, Count = size, PostOnly = true });
        if (!r.IsOk) throw new InvalidOperationException($"seeding {ticker} {side} {price}×{size}: {r.Error}");
    }
}
