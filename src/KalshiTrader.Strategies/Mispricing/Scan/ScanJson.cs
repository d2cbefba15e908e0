using System.Text;
using System.Text.Json;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Strategies.Mispricing.Scan;

/// <summary>
/// The <c>scan --json</c> shape, exactly: {"opportunities":[{"type","riskless","edge_per_contract","max_size",
/// "legs":[{"ticker","buy","price","size"}]}],"sets":[{"event_ticker","exclusive","exhaustive","sum_yes_bid",
/// "sum_yes_ask"}]}. Prices and money are dollar strings, sizes _fp strings; a leg's price is its limit price.
/// </summary>
public static class ScanJson
{
    public static string Write(IEnumerable<Opportunity> opportunities, IEnumerable<ExclusiveSetSums> sets, bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteStartArray("opportunities");
            foreach (var o in opportunities)
            {
                w.WriteStartObject();
                w.WriteString("type", o.Type);
                w.WriteBoolean("riskless", o.Riskless);
                w.WriteString("edge_per_contract", o.EdgePerContract.ToDollarString());
                w.WriteString("max_size", o.Size.ToFpString());
                w.WriteStartArray("legs");
                foreach (var l in o.Legs)
                {
                    w.WriteStartObject();
                    w.WriteString("ticker", l.Ticker.Value);
                    w.WriteString("buy", l.Buy == Outcome.Yes ? "yes" : "no");
                    w.WriteString("price", l.LimitPrice.ToDollarString());
                    w.WriteString("size", o.Size.ToFpString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("sets");
            foreach (var s in sets)
            {
                w.WriteStartObject();
                w.WriteString("event_ticker", s.Events.Count > 0 ? s.Events[0].Value : "");
                w.WriteBoolean("exclusive", s.Exclusive);
                w.WriteBoolean("exhaustive", s.Exhaustive);
                w.WriteString("sum_yes_bid", s.SumYesBid.ToDollarString());
                w.WriteString("sum_yes_ask", s.SumYesAsk.ToDollarString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
