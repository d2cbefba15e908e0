using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Strategies.Mispricing.Persistence;

/// <summary>Opportunity → the store's <see cref="OpportunityRecord"/>, legs and every number kept in DetailJson for audit.</summary>
public static class OpportunityRecords
{
    public const string StrategyName = "mispricing";

    public static OpportunityRecord ToRecord(Opportunity o, string? runId, bool traded = false)
    {
        var priced = o.Legs.Count > 0 ? o.Legs[0].Size : Quantity.Zero;
        Money? PerContract(Money total) => priced.IsPositive ? Money.FromMicros(total.Micros * Quantity.HundredthsPerContract / priced.Hundredths) : null;
        return new OpportunityRecord
        {
            OpportunityId = o.Id,
            RunId = runId,
            Strategy = StrategyName,
            Kind = o.Type,
            RelationshipId = o.RelationshipId,
            Tickers = o.Legs.Select(l => l.Ticker).ToList(),
            EvaluatedTime = o.DetectedAt,
            GrossEdgePerContract = o.EdgePerContract + (PerContract(o.TotalFees) ?? Money.Zero),
            FeesPerContract = PerContract(o.TotalFees),
            NetEdgePerContract = o.EdgePerContract,
            ExecutableSize = o.Size,
            ExpectedProfit = o.TotalEdge,
            Traded = traded,
            Reason = o.Note ?? OpportunityWire.ToWire(o.Status),
            DetailJson = RelationshipRecords.Json(w =>
            {
                w.WriteString("status", OpportunityWire.ToWire(o.Status));
                w.WriteBoolean("riskless", o.Riskless);
                w.WriteString("payout_per_contract", o.PayoutPerContract.ToDollarString());
                w.WriteString("gross_edge_at_top", o.GrossEdgeAtTop.ToDollarString());
                w.WriteString("edge_per_contract", o.EdgePerContract.ToDollarString());
                w.WriteString("total_cost", o.TotalCost.ToDollarString());
                w.WriteString("total_fees", o.TotalFees.ToDollarString());
                w.WriteString("size", o.Size.ToFpString());
                w.WriteNumber("confidence", o.Confidence);
                w.WriteNumber("score", o.Score);
                w.WriteStartArray("legs");
                foreach (var l in o.Legs)
                {
                    w.WriteStartObject();
                    w.WriteString("ticker", l.Ticker.Value);
                    w.WriteString("buy", l.Buy == Outcome.Yes ? "yes" : "no");
                    w.WriteString("top_price", l.TopPrice.ToDollarString());
                    w.WriteString("limit_price", l.LimitPrice.ToDollarString());
                    w.WriteString("size", l.Size.ToFpString());
                    w.WriteString("cost", l.Cost.ToDollarString());
                    w.WriteString("fee", l.Fee.ToDollarString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }),
        };
    }
}

public static class OpportunityWire
{
    public static string ToWire(OpportunityStatus s) => s switch
    {
        OpportunityStatus.Detected => "detected",
        OpportunityStatus.Validated => "validated",
        OpportunityStatus.Executing => "executing",
        OpportunityStatus.Filled => "filled",
        OpportunityStatus.Expired => "expired",
        OpportunityStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
