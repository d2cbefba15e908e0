using System.Text.Json;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// One opportunity a strategy evaluated (from its evaluation records), as the demo report needs it: with the strategy's
/// own status ("detected", "validated", ...) and the book update it was evaluated on, when the strategy reports them.
/// </summary>
internal sealed record DemoEvaluation(
    DateTimeOffset Time, string Strategy, string Kind, IReadOnlyList<MarketTicker> Markets, bool Traded, bool? Riskless, string? Decision,
    string? Status = null, DemoTrigger? Trigger = null);

/// <summary>The book update an evaluation was made on: its market, feed sequence and exchange timestamp (null after a snapshot).</summary>
internal sealed record DemoTrigger(MarketTicker Ticker, long Sequence, DateTimeOffset? ExchangeTime);

/// <summary>One of our fills, attributed to the strategy whose order it was.</summary>
internal sealed record DemoFill(DateTimeOffset Time, string? Strategy, MarketTicker Ticker, Outcome Bought, Price OutcomePrice, Quantity Count, Money Fee)
{
    public Money Cost => OutcomePrice.Times(Count);
}

/// <summary>
/// What the engine did during the demo, as seen through its journal: evaluations, orders and fills per strategy.
/// Written from the engine loop, read by the live view and the report from other threads, hence the lock.
/// </summary>
internal sealed class DemoActivity
{
    private readonly Lock _gate = new();
    private readonly List<DemoEvaluation> _evaluations = [];
    private readonly List<DemoFill> _fills = [];
    private readonly Dictionary<string, HashSet<string>> _ordersByStrategy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fillIds = new(StringComparer.Ordinal);
    private long _riskDenials;

    public void Evaluation(DemoEvaluation evaluation)
    {
        lock (_gate) _evaluations.Add(evaluation);
    }

    public void Order(string strategy, string clientOrderId)
    {
        lock (_gate)
        {
            if (!_ordersByStrategy.TryGetValue(strategy, out var set)) _ordersByStrategy[strategy] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(clientOrderId);
        }
    }

    public void Fill(string tradeId, DemoFill fill)
    {
        lock (_gate)
        {
            if (_fillIds.Add(tradeId + "|" + fill.Ticker.Value)) _fills.Add(fill);
        }
    }

    public void RiskDenied()
    {
        lock (_gate) _riskDenials++;
    }

    public IReadOnlyList<DemoEvaluation> Evaluations
    {
        get { lock (_gate) return _evaluations.ToArray(); }
    }

    public IReadOnlyList<DemoFill> Fills
    {
        get { lock (_gate) return _fills.ToArray(); }
    }

    public long RiskDenials
    {
        get { lock (_gate) return _riskDenials; }
    }

    public int OrdersOf(string strategy)
    {
        lock (_gate) return _ordersByStrategy.TryGetValue(strategy, out var set) ? set.Count : 0;
    }

    public int TotalOrders
    {
        get { lock (_gate) return _ordersByStrategy.Values.Sum(s => s.Count); }
    }

    public IReadOnlyList<string> StrategiesSeen
    {
        get
        {
            lock (_gate)
            {
                return _ordersByStrategy.Keys.Concat(_evaluations.Select(e => e.Strategy)).Concat(_fills.Select(f => f.Strategy ?? ""))
                    .Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>
    /// Reads the engine's evaluation detail (<c>{"kind","key","markets","edge","size","traded","decision","detail"}</c>, where
    /// "detail" is the strategy's own JSON): the riskless flag, status and trigger update when the strategy reports them.
    /// </summary>
    public static DemoEvaluation? ParseEvaluation(DateTimeOffset time, string strategy, string? detailJson)
    {
        if (detailJson is null) return null;
        try
        {
            using var doc = JsonDocument.Parse(detailJson);
            var root = doc.RootElement;
            var kind = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : "unknown";
            var markets = root.TryGetProperty("markets", out var m) && m.ValueKind == JsonValueKind.Array
                ? m.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => new MarketTicker(x.GetString()!)).ToArray()
                : [];
            var traded = root.TryGetProperty("traded", out var t) && t.ValueKind == JsonValueKind.True;
            var decision = root.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var inner = root.TryGetProperty("detail", out var d2) && d2.ValueKind == JsonValueKind.String && d2.GetString() is { Length: > 0 } innerText
                ? ReadStrategyDetail(innerText)
                : default;
            return new DemoEvaluation(time, strategy, kind, markets, traded, inner.Riskless, decision, inner.Status, inner.Trigger);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (bool? Riskless, string? Status, DemoTrigger? Trigger) ReadStrategyDetail(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return default;
            bool? riskless = root.TryGetProperty("riskless", out var r) ? r.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null } : null;
            var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            DemoTrigger? trigger = null;
            if (root.TryGetProperty("trigger", out var t) && t.ValueKind == JsonValueKind.Object &&
                t.TryGetProperty("ticker", out var ticker) && ticker.ValueKind == JsonValueKind.String &&
                t.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var sequence))
            {
                DateTimeOffset? exchangeTime = t.TryGetProperty("exchange_time", out var et) && et.TryGetDateTimeOffset(out var parsed) ? parsed : null;
                trigger = new DemoTrigger(new MarketTicker(ticker.GetString()!), sequence, exchangeTime);
            }

            return (riskless, status, trigger);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
