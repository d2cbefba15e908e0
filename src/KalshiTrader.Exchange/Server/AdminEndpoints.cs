using System.Text.Json;
using System.Text.Json.Serialization;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// The local administration API under <c>/local/</c>, apart from the Kalshi surface and without auth (the server only
/// listens on 127.0.0.1): accounts, reference data (in Kalshi's own JSON), lifecycle, time and faults.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public sealed record NewAccount(string? Name, string? BalanceDollars, string? Tier);
    public sealed record Amount(string AmountDollars);
    public sealed record TierChange(string Tier);
    public sealed record Settle(string Result, string? SettlementValueDollars, bool? FinalizeNow);
    public sealed record CloseTime(string CloseTimeRfc3339);
    public sealed record Advance(double Seconds);
    public sealed record Fault(int? Status, int? Count, int? Milliseconds, int? Every = null);

    public static void Map(WebApplication app, LocalExchangeHost host, ExchangeContext x)
    {
        var admin = app.MapGroup("/local");

        admin.MapGet("/accounts", () => Ok(host.AllAccounts().Select(a => new
        {
            account_id = a.Summary.Id.Value, name = a.Summary.Name, key_id = a.KeyId, tier = a.Tier,
            balance_dollars = a.Summary.Available.ToDollarString(), reserved_dollars = a.Summary.Reserved.ToDollarString(),
            resting_orders = a.Summary.RestingOrders,
        })));

        admin.MapPost("/accounts", async (HttpContext ctx) =>
        {
            var body = await Read<NewAccount>(ctx).ConfigureAwait(false) ?? new NewAccount(null, null, null);
            Money balance;
            try
            {
                balance = body.BalanceDollars is null ? x.Options.StartingBalance : Money.Parse(body.BalanceDollars, "balance_dollars");
            }
            catch (FormatException ex)
            {
                return Rest.Error(400, "invalid_parameters", ex.Message);
            }

            var tier = body.Tier ?? x.Options.Tier;
            if (!RateLimitTiers.TryGet(tier, out _)) return Rest.Error(400, "invalid_parameters", $"tier must be one of {string.Join(", ", RateLimitTiers.Names)}");
            var account = host.AddAccount(body.Name, balance, tier);
            return Ok(new { account_id = account.Id.Value, name = account.Name, key_id = account.KeyId, private_key_path = account.PrivateKeyPath, balance_dollars = balance.ToDollarString(), tier });
        });

        admin.MapPost("/accounts/{keyId}/fund", async (HttpContext ctx, string keyId) =>
        {
            if (!x.Keys.TryGet(keyId, out var key)) return Rest.NotFound($"key id {keyId} not found");
            var body = await Read<Amount>(ctx).ConfigureAwait(false);
            if (body?.AmountDollars is null) return Rest.Error(400, "invalid_parameters", "amount_dollars is required");
            try
            {
                return Result(x.Locked(e => e.Fund(key.Account, Money.Parse(body.AmountDollars, "amount_dollars"))), m => new { balance_dollars = m.ToDollarString() });
            }
            catch (FormatException ex)
            {
                return Rest.Error(400, "invalid_parameters", ex.Message);
            }
        });

        admin.MapPost("/accounts/{keyId}/tier", async (HttpContext ctx, string keyId) =>
        {
            var body = await Read<TierChange>(ctx).ConfigureAwait(false);
            if (body?.Tier is null || !RateLimitTiers.TryGet(body.Tier, out _)) return Rest.Error(400, "invalid_parameters", $"tier must be one of {string.Join(", ", RateLimitTiers.Names)}");
            if (!x.Keys.TryGet(keyId, out _)) return Rest.NotFound($"key id {keyId} not found");
            x.Keys.SetTier(keyId, body.Tier);
            return Ok(new { key_id = keyId, tier = body.Tier });
        });

        admin.MapPost("/series", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, KalshiRestJsonContext.Default.SeriesWire).ConfigureAwait(false);
            if (problem is not null) return problem;
            return Catch(() =>
            {
                var series = WireMapper.ToSeries(body!);
                x.Locked(e => { e.AddSeries(series); return 0; });
                return Ok(new { series_ticker = series.Ticker.Value });
            });
        });

        admin.MapPost("/events", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, KalshiRestJsonContext.Default.EventWire).ConfigureAwait(false);
            if (problem is not null) return problem;
            return Catch(() =>
            {
                var ev = WireMapper.ToEvent(body!);
                var errors = x.Locked(e =>
                {
                    if (e.GetSeries(ev.SeriesTicker) is null) e.AddSeries(new Series { Ticker = ev.SeriesTicker });
                    e.AddEvent(ev);
                    return ev.Markets.Select(m => e.AddMarket(m)).Where(r => !r.IsOk).Select(r => r.Error!.Message).ToArray();
                });
                return errors.Length == 0 ? Ok(new { event_ticker = ev.Ticker.Value, markets = ev.Markets.Count }) : Rest.Error(400, "invalid_parameters", string.Join("; ", errors));
            });
        });

        admin.MapPost("/markets", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, KalshiRestJsonContext.Default.MarketWire).ConfigureAwait(false);
            if (problem is not null) return problem;
            return Catch(() => MarketResult(x.Locked(e => e.AddMarket(WireMapper.ToMarket(body!)))));
        });

        admin.MapPost("/markets/{ticker}/open", (string ticker) => MarketResult(x.Locked(e => e.Open(ticker))));
        admin.MapPost("/markets/{ticker}/pause", (string ticker) => MarketResult(x.Locked(e => e.Pause(ticker))));
        admin.MapPost("/markets/{ticker}/resume", (string ticker) => MarketResult(x.Locked(e => e.Resume(ticker))));
        admin.MapPost("/markets/{ticker}/close", (string ticker) => MarketResult(x.Locked(e => e.Close(ticker))));
        admin.MapPost("/markets/{ticker}/finalize", (string ticker) => MarketResult(x.Locked(e => e.Finalize(ticker))));

        admin.MapPost("/markets/{ticker}/settle", async (HttpContext ctx, string ticker) =>
        {
            var body = await Read<Settle>(ctx).ConfigureAwait(false);
            if (body?.Result is null) return Rest.Error(400, "invalid_parameters", "result is required (yes, no or scalar)");
            return Catch(() =>
            {
                var result = MarketEnumsWire.ParseResult(body.Result);
                Price? value = body.SettlementValueDollars is null ? null : Price.Parse(body.SettlementValueDollars, "settlement_value_dollars");
                return MarketResult(x.Locked(e => e.Determine(ticker, result, value, body.FinalizeNow ?? true)));
            });
        });

        admin.MapPost("/markets/{ticker}/close_time", async (HttpContext ctx, string ticker) =>
        {
            var body = await Read<CloseTime>(ctx).ConfigureAwait(false);
            if (body?.CloseTimeRfc3339 is null || !DateTimeOffset.TryParse(body.CloseTimeRfc3339, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            {
                return Rest.Error(400, "invalid_parameters", "close_time_rfc3339 must be an RFC 3339 time");
            }

            return MarketResult(x.Locked(e => e.UpdateCloseTime(ticker, t)));
        });

        admin.MapGet("/time", () => Ok(new { now = WireMapper.FormatTime(host.Clock.GetUtcNow()), offset_seconds = host.Clock.Offset.TotalSeconds }));
        admin.MapPost("/time/advance", async (HttpContext ctx) =>
        {
            var body = await Read<Advance>(ctx).ConfigureAwait(false);
            if (body is null || body.Seconds <= 0) return Rest.Error(400, "invalid_parameters", "seconds must be positive");
            host.AdvanceTime(TimeSpan.FromSeconds(body.Seconds));
            return Ok(new { now = WireMapper.FormatTime(host.Clock.GetUtcNow()) });
        });

        admin.MapGet("/ledger", () =>
        {
            var l = x.Locked(e => e.GetLedger());
            return Ok(new
            {
                deposits_dollars = l.Deposits.ToDollarString(), available_dollars = l.Available.ToDollarString(), reserved_dollars = l.Reserved.ToDollarString(),
                fees_dollars = l.FeesCollected.ToDollarString(), rounding_fees_dollars = l.RoundingFees.ToDollarString(),
                collateral_dollars = l.Collateral.ToDollarString(), unaccounted_dollars = l.Unaccounted.ToDollarString(),
            });
        });

        admin.MapPost("/faults/{kind}", async (HttpContext ctx, string kind) =>
        {
            var body = await Read<Fault>(ctx).ConfigureAwait(false) ?? new Fault(null, null, null);
            var count = body.Count ?? 1;
            // "every": N > 0 repeats the fault on every Nth request or message (as exchange serve's --fault-...-every flags).
            if (body.Every is <= 0) return Rest.Error(400, "invalid_parameters", "every must be positive");
            if (body.Every is not null && kind is not ("skip_seq" or "delay" or "fail")) return Rest.Error(400, "invalid_parameters", $"'{kind}' does not repeat; every applies to skip_seq, delay and fail");
            switch (kind)
            {
                case "drop_ws": x.Faults.DropWebSockets(); break;
                case "skip_seq" when body.Every is { } every: x.Faults.SkipSequenceEvery(every); break;
                case "skip_seq": x.Faults.SkipSequenceNumbers(count); break;
                case "torn_frame": x.Faults.CorruptNextMessages(count); break;
                case "delay" when body.Every is { } every: x.Faults.DelayEvery(TimeSpan.FromMilliseconds(body.Milliseconds ?? 1000), every); break;
                case "delay": x.Faults.DelayNext(TimeSpan.FromMilliseconds(body.Milliseconds ?? 1000), count); break;
                case "fail":
                    if (body.Status is not (429 or 500 or 503)) return Rest.Error(400, "invalid_parameters", "status must be 429, 500 or 503");
                    if (body.Every is { } failEvery) x.Faults.FailEvery(body.Status.Value, failEvery);
                    else x.Faults.FailNext(body.Status.Value, count);
                    break;
                case "partial_fills": x.Locked(e => { e.InjectPartialFills(count); return 0; }); break;
                case "clear": x.Faults.Clear(); break;
                default: return Rest.NotFound($"unknown fault '{kind}'; known: drop_ws, skip_seq, torn_frame, delay, fail, partial_fills, clear");
            }

            return Ok(new { fault = kind, count, every = body.Every });
        });
    }

    private static IResult Ok(object value) => Results.Json(value, Json);

    private static IResult Result<T>(ExchangeResult<T> r, Func<T, object> shape) => r.IsOk ? Ok(shape(r.Value!)) : Rest.Error(r.Error!);

    private static IResult MarketResult(ExchangeResult<Market> r) =>
        r.IsOk ? Rest.Json(new MarketResponse { Market = WireMapper.ToWire(r.Value!) }, KalshiRestJsonContext.Default.MarketResponse) : Rest.Error(r.Error!);

    private static IResult Catch(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (FormatException ex)
        {
            return Rest.Error(400, "invalid_parameters", ex.Message);
        }
    }

    private static async Task<T?> Read<T>(HttpContext ctx) where T : class
    {
        if (ctx.Request.ContentLength is 0 or null && !ctx.Request.Headers.ContainsKey("Transfer-Encoding")) return null;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(ctx.Request.Body, Json, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
