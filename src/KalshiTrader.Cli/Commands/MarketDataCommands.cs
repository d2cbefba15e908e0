using System.CommandLine;
using KalshiTrader.Cli.Common;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Cli.Commands;

/// <summary><c>markets list</c>, <c>market show</c>, <c>events show</c>, <c>series show</c>, <c>candles</c>, <c>trades</c>.</summary>
internal static class MarketDataCommands
{
    public static IEnumerable<Command> Create() => [Markets(), MarketCommand(), Events(), SeriesCommand(), Candles(), Trades()];

    private static Command Markets()
    {
        var status = new Option<string?>("--status") { Description = "unopened | open | paused | closed | settled" };
        var ev = new Option<string?>("--event") { Description = "event ticker" };
        var series = new Option<string?>("--series") { Description = "series ticker" };
        var tickers = new Option<string?>("--tickers") { Description = "comma-separated market tickers" };
        var mve = new Option<string>("--mve") { Description = "multivariate combo markets: exclude | only | any", DefaultValueFactory = _ => "exclude" };
        var limit = new Option<int>("--limit") { Description = "at most this many markets (0 = all pages)", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List markets (pages through Kalshi's cursor at 1000 per request).") { status, ev, series, tickers, mve, limit, Output.Json };
        ConnectionOptions.AddTo(list);
        list.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var query = new MarketQuery
            {
                Status = pr.GetValue(status),
                EventTicker = pr.GetValue(ev) is { Length: > 0 } e ? new EventTicker(e) : (EventTicker?)null,
                SeriesTicker = pr.GetValue(series) is { Length: > 0 } s ? new SeriesTicker(s) : (SeriesTicker?)null,
                Tickers = SplitTickers(pr.GetValue(tickers)),
                Mve = ParseMve(pr.GetValue(mve)),
                Limit = pr.GetValue(limit) is > 0 and var l ? l : null,
            };
            using var client = ConnectionOptions.CreateRestClient(pr);
            var markets = new List<Market>();
            await foreach (var m in client.GetMarketsAsync(query, ct).ConfigureAwait(false)) markets.Add(m);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new MarketsResponse { Markets = markets.Select(WireMapper.ToWire).ToList() });
                return 0;
            }

            var table = Output.Table(["ticker", "status", "yes bid", "yes ask", "last", "volume", "close", "yes subtitle"], 2, 3, 4, 5);
            foreach (var m in markets)
            {
                Output.AddRow(table, m.Ticker.Value, MarketEnumsWire.ToWire(m.Status), P(m.YesBid), P(m.YesAsk), P(m.LastPrice),
                    m.Volume.ToFpString(), T(m.CloseTime), m.YesSubTitle);
            }

            Output.Write(table);
            Console.Error.WriteLine($"{markets.Count} markets");
            return 0;
        }));
        var cmd = new Command("markets", "Markets.");
        cmd.Subcommands.Add(list);
        return cmd;
    }

    private static Command MarketCommand()
    {
        var ticker = new Argument<string>("ticker") { Description = "market ticker" };
        var show = new Command("show", "Show one market: quotes, sizes, strike, times, rules, tick grid.") { ticker, Output.Json };
        ConnectionOptions.AddTo(show);
        show.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            using var client = ConnectionOptions.CreateRestClient(pr);
            var m = await client.GetMarketAsync(new MarketTicker(pr.GetValue(ticker)!), ct).ConfigureAwait(false);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new MarketResponse { Market = WireMapper.ToWire(m) });
                return 0;
            }

            Output.Write(Output.Fields(MarketFields(m)));
            return 0;
        }));
        var cmd = new Command("market", "One market.");
        cmd.Subcommands.Add(show);
        return cmd;
    }

    private static Command Events()
    {
        var ticker = new Argument<string>("event") { Description = "event ticker" };
        var show = new Command("show", "Show an event and its markets.") { ticker, Output.Json };
        ConnectionOptions.AddTo(show);
        show.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            using var client = ConnectionOptions.CreateRestClient(pr);
            var e = await client.GetEventAsync(new EventTicker(pr.GetValue(ticker)!), ct).ConfigureAwait(false);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new EventResponse { Event = WireMapper.ToWire(e, withNestedMarkets: true) });
                return 0;
            }

            Output.Write(Output.Fields(
            [
                ("event_ticker", e.Ticker.Value), ("series_ticker", e.SeriesTicker.Value), ("title", e.Title), ("sub_title", e.SubTitle),
                ("category", e.Category), ("mutually_exclusive", e.MutuallyExclusive ? "true" : "false"),
                ("collateral_return_type", e.CollateralReturnType), ("strike_date", T(e.StrikeDate)),
                ("fee_type_override", e.FeeTypeOverride?.ToString()), ("fee_multiplier_override", e.FeeMultiplierOverride?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("markets", e.Markets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]));
            var table = Output.Table(["ticker", "status", "yes bid", "yes ask", "no bid", "no ask", "last", "volume", "yes subtitle"], 2, 3, 4, 5, 6, 7);
            foreach (var m in e.Markets.OrderByDescending(m => m.YesBid?.Ticks ?? -1))
            {
                Output.AddRow(table, m.Ticker.Value, MarketEnumsWire.ToWire(m.Status), P(m.YesBid), P(m.YesAsk), P(m.NoBid), P(m.NoAsk),
                    P(m.LastPrice), m.Volume.ToFpString(), m.YesSubTitle);
            }

            Output.Write(table);
            return 0;
        }));
        var cmd = new Command("events", "Events.");
        cmd.Subcommands.Add(show);
        return cmd;
    }

    private static Command SeriesCommand()
    {
        var ticker = new Argument<string>("series") { Description = "series ticker" };
        var show = new Command("show", "Show a series: category, frequency, fee schedule, sources.") { ticker, Output.Json };
        ConnectionOptions.AddTo(show);
        show.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            using var client = ConnectionOptions.CreateRestClient(pr);
            var s = await client.GetSeriesAsync(new SeriesTicker(pr.GetValue(ticker)!), ct).ConfigureAwait(false);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new SeriesResponse { Series = WireMapper.ToWire(s) });
                return 0;
            }

            Output.Write(Output.Fields(
            [
                ("ticker", s.Ticker.Value), ("title", s.Title), ("category", s.Category), ("frequency", s.Frequency),
                ("tags", string.Join(", ", s.Tags)), ("fee_type", Core.Fees.FeeSchedule.ToWire(s.Fees.Type)),
                ("fee_multiplier", s.Fees.Multiplier.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("settlement_sources", string.Join("; ", s.SettlementSources.Select(x => x.Url is null ? x.Name : $"{x.Name} <{x.Url}>"))),
                ("contract_url", s.ContractUrl),
            ]));
            return 0;
        }));
        var cmd = new Command("series", "Series.");
        cmd.Subcommands.Add(show);
        return cmd;
    }

    private static Command Candles()
    {
        var tickers = new Argument<string[]>("tickers") { Description = "market tickers", Arity = ArgumentArity.OneOrMore };
        var series = new Option<string?>("--series") { Description = "series ticker: use the per-market endpoint (else the batch endpoint)" };
        var start = new Option<string?>("--start") { Description = "ISO 8601 or Unix seconds (default: 1 day before --end)" };
        var end = new Option<string?>("--end") { Description = "ISO 8601 or Unix seconds (default: now)" };
        var period = new Option<int>("--period") { Description = "minutes per candle: 1, 60 or 1440", DefaultValueFactory = _ => 60 };
        var format = new Option<string>("--format") { Description = "csv | json", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out", "-o") { Description = "write to this file instead of stdout" };
        var cmd = new Command("candles", "Download candlesticks to CSV (format: see CandleCsv; header line first) or JSON (Kalshi's batch reply shape).")
        {
            tickers, series, start, end, period, format, output,
        };
        ConnectionOptions.AddTo(cmd);
        cmd.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var to = CliTime.Parse(pr.GetValue(end), "--end") ?? DateTimeOffset.UtcNow;
            var from = CliTime.Parse(pr.GetValue(start), "--start") ?? to.AddDays(-1);
            var query = new CandleQuery(from, to, pr.GetValue(period));
            var fmt = pr.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("csv" or "json")) throw new FormatException($"--format: '{fmt}' is not csv or json");
            var list = pr.GetValue(tickers)!.Select(t => new MarketTicker(t)).ToArray();

            using var client = ConnectionOptions.CreateRestClient(pr);
            var byTicker = new Dictionary<MarketTicker, IReadOnlyList<Candlestick>>();
            if (pr.GetValue(series) is { Length: > 0 } s)
            {
                foreach (var t in list) byTicker[t] = await client.GetCandlesticksAsync(new SeriesTicker(s), t, query, ct).ConfigureAwait(false);
            }
            else
            {
                foreach (var (t, c) in await client.GetCandlesticksBatchAsync(list, query, ct).ConfigureAwait(false)) byTicker[t] = c;
            }

            var path = pr.GetValue(output);
            await using var writer = path is null ? Console.Out : new StreamWriter(path);
            var ordered = list.Where(byTicker.ContainsKey).SelectMany(t => byTicker[t].OrderBy(c => c.EndPeriod));
            if (fmt == "csv")
            {
                await KalshiTrader.Recorder.CandleCsv.WriteAsync(writer, ordered, ct).ConfigureAwait(false);
            }
            else
            {
                var wire = new BatchCandlesticksResponse
                {
                    Markets = list.Where(byTicker.ContainsKey).Select(t => new MarketCandlesticksWire
                    {
                        MarketTicker = t.Value, Candlesticks = byTicker[t].Select(WireMapper.ToWire).ToList(),
                    }).ToList(),
                };
                await writer.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(wire, KalshiRestJsonContext.Default.BatchCandlesticksResponse)).ConfigureAwait(false);
            }

            await writer.FlushAsync(ct).ConfigureAwait(false);
            if (path is not null) Console.Error.WriteLine($"{byTicker.Values.Sum(c => c.Count)} candles written to {path}");
            return 0;
        }));
        return cmd;
    }

    private static Command Trades()
    {
        var ticker = new Option<string?>("--ticker") { Description = "market ticker (default: all markets)" };
        var since = new Option<string?>("--since") { Description = "ISO 8601 or Unix seconds" };
        var until = new Option<string?>("--until") { Description = "ISO 8601 or Unix seconds" };
        var limit = new Option<int>("--limit") { Description = "at most this many trades (0 = all pages)", DefaultValueFactory = _ => 100 };
        var cmd = new Command("trades", "Public trades, newest first.") { ticker, since, until, limit, Output.Json };
        ConnectionOptions.AddTo(cmd);
        cmd.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var query = new TradeQuery
            {
                Ticker = pr.GetValue(ticker) is { Length: > 0 } t ? new MarketTicker(t) : (MarketTicker?)null,
                Min = CliTime.Parse(pr.GetValue(since), "--since"),
                Max = CliTime.Parse(pr.GetValue(until), "--until"),
                Limit = pr.GetValue(limit) is > 0 and var l ? l : null,
            };
            using var client = ConnectionOptions.CreateRestClient(pr);
            var trades = new List<Trade>();
            await foreach (var trade in client.GetTradesAsync(query, ct).ConfigureAwait(false)) trades.Add(trade);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new TradesResponse { Trades = trades.Select(WireMapper.ToWire).ToList() });
                return 0;
            }

            var table = Output.Table(["time", "ticker", "yes price", "no price", "count", "taker"], 2, 3, 4);
            foreach (var tr in trades)
            {
                Output.AddRow(table, T(tr.Time), tr.Ticker.Value, tr.YesPrice.ToDollarString(), tr.NoPrice.ToDollarString(),
                    tr.Count.ToFpString(), tr.TakerOutcome is { } o ? WireMapper.ToWire(o) : "");
            }

            Output.Write(table);
            return 0;
        }));
        return cmd;
    }

    private static IEnumerable<(string, string?)> MarketFields(Market m) =>
    [
        ("ticker", m.Ticker.Value), ("event_ticker", m.EventTicker.Value), ("status", MarketEnumsWire.ToWire(m.Status)),
        ("result", MarketEnumsWire.ToWire(m.Result)), ("title", m.Title), ("yes_sub_title", m.YesSubTitle), ("no_sub_title", m.NoSubTitle),
        ("yes_bid", P(m.YesBid) + " x " + m.YesBidSize.ToFpString()), ("yes_ask", P(m.YesAsk) + " x " + m.YesAskSize.ToFpString()),
        ("no_bid", P(m.NoBid)), ("no_ask", P(m.NoAsk)), ("last_price", P(m.LastPrice)), ("previous_price", P(m.PreviousPrice)),
        ("volume", m.Volume.ToFpString()), ("volume_24h", m.Volume24h.ToFpString()), ("open_interest", m.OpenInterest.ToFpString()),
        ("strike_type", MarketEnumsWire.ToWire(m.StrikeType)), ("floor_strike", m.FloorStrike?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("cap_strike", m.CapStrike?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("custom_strike", m.CustomStrikeJson),
        ("open_time", T(m.OpenTime)), ("close_time", T(m.CloseTime)), ("expected_expiration_time", T(m.ExpectedExpirationTime)),
        ("can_close_early", m.CanCloseEarly ? "true" : "false"), ("settlement_value", P(m.SettlementValue)),
        ("price_level_structure", m.PriceLevelStructure),
        ("price_ranges", string.Join("; ", m.PriceRanges.Select(r => $"{r.Start}-{r.End} step {r.Step}"))),
        ("rules_primary", m.RulesPrimary),
    ];

    private static IReadOnlyList<MarketTicker>? SplitTickers(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => new MarketTicker(t)).ToArray();

    private static MveFilter ParseMve(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "exclude" => MveFilter.Exclude,
        "only" => MveFilter.Only,
        "any" or "all" or "include" => MveFilter.Any,
        _ => throw new FormatException($"--mve: '{text}' is not exclude, only or any"),
    };

    private static string P(Price? p) => p?.ToDollarString() ?? "";

    private static string T(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture) : "";
}
