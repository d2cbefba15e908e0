using System.Text;
using System.Text.Json;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>
/// Turns an opportunity (and its trade, once there is one) into the engine's <see cref="StrategyEvaluation"/>. The
/// engine journals it (the demo and the store make opportunity rows of it), so the strategy never writes opportunity
/// rows itself. DetailJson carries "status", "riskless", "relationship_kind", "tickers", the legs and every step, and for
/// evaluations made on a book change the "trigger" update ({"ticker", "seq", "exchange_time"}).
/// </summary>
internal static class EvaluationRecords
{
    public static StrategyEvaluation Build(
        Opportunity o, OpportunityStatus status, string decision, bool traded, Quantity? size = null, MispricingTrade? trade = null,
        BookTrigger? trigger = null) => new()
    {
        Kind = o.Type,
        Key = o.Id,
        Markets = o.Legs.Select(l => l.Ticker).ToList(),
        Edge = o.EdgePerContract,
        ExecutableSize = size ?? o.Size,
        Traded = traded,
        Decision = $"{OpportunityWire.ToWire(status)}: {decision}",
        DetailJson = Detail(o, status, trade, trigger),
    };

    private static string Detail(Opportunity o, OpportunityStatus status, MispricingTrade? trade, BookTrigger? trigger)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("status", OpportunityWire.ToWire(status));
            w.WriteBoolean("riskless", o.Riskless);
            w.WriteString("relationship_id", o.RelationshipId);
            w.WriteString("relationship_kind", RelationshipWire.ToWire(o.Kind));
            w.WriteString("type", o.Type);
            w.WriteStartArray("tickers");
            foreach (var l in o.Legs) w.WriteStringValue(l.Ticker.Value);
            w.WriteEndArray();
            w.WriteString("edge_per_contract", o.EdgePerContract.ToDollarString());
            w.WriteString("gross_edge_at_top", o.GrossEdgeAtTop.ToDollarString());
            w.WriteString("total_fees", o.TotalFees.ToDollarString());
            w.WriteString("executable_size", o.Size.ToFpString());
            w.WriteNumber("confidence", o.Confidence);
            w.WriteNumber("score", o.Score);
            if (o.Note is not null) w.WriteString("note", o.Note);
            w.WriteStartArray("legs");
            foreach (var l in o.Legs)
            {
                w.WriteStartObject();
                w.WriteString("ticker", l.Ticker.Value);
                w.WriteString("buy", TradeExecutor.Wire(l.Buy));
                w.WriteString("top_price", l.TopPrice.ToDollarString());
                w.WriteString("limit_price", l.LimitPrice.ToDollarString());
                w.WriteString("size", l.Size.ToFpString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (trigger is { } t)
            {
                w.WriteStartObject("trigger");
                w.WriteString("ticker", t.Ticker.Value);
                w.WriteNumber("seq", t.Sequence);
                if (t.ExchangeTime is { } time) w.WriteString("exchange_time", time);
                w.WriteEndObject();
            }

            if (trade is not null) WriteTrade(w, trade);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteTrade(Utf8JsonWriter w, MispricingTrade t)
    {
        w.WriteStartObject("trade");
        w.WriteString("position_set", t.SetId);
        w.WriteString("target", t.Target.ToFpString());
        w.WriteBoolean("sequential", t.Sequential);
        w.WriteString("worst_case_loss", t.WorstCaseLoss.ToDollarString());
        w.WriteString("phase", t.Phase.ToString().ToLowerInvariant());
        w.WriteString("spent", t.Spent.ToDollarString());
        if (t.OutcomeReason is not null) w.WriteString("outcome", t.OutcomeReason);
        w.WriteStartArray("held");
        foreach (var l in t.Legs)
        {
            w.WriteStartObject();
            w.WriteString("ticker", l.Plan.Ticker.Value);
            w.WriteString("buy", TradeExecutor.Wire(l.Plan.Buy));
            w.WriteString("filled", l.Filled.ToFpString());
            w.WriteString("unwound", l.Unwound.ToFpString());
            w.WriteString("cost", l.Cost.ToDollarString());
            w.WriteString("fees", l.FeesPaid.ToDollarString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("steps");
        foreach (var s in t.Steps)
        {
            w.WriteStartObject();
            w.WriteString("time", s.Time);
            w.WriteString("action", s.Action);
            w.WriteString("ticker", s.Ticker.Value);
            w.WriteString("buy", TradeExecutor.Wire(s.Buy));
            w.WriteString("limit", s.Limit.ToDollarString());
            w.WriteString("count", s.Count.ToFpString());
            w.WriteString("filled", s.Filled.ToFpString());
            w.WriteString("result", s.Result);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
