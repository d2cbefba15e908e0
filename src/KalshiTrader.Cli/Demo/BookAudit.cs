using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// The exchange's books at one moment: per market, YES contracts held across all accounts must equal NO contracts
/// held (every contract was created as a YES/NO pair), and every dollar deposited must be somewhere (available,
/// reserved, fees, collateral) — <see cref="EngineLedger.Unaccounted"/> is zero.
/// </summary>
internal sealed record BookAudit(
    int Markets, Quantity YesOutstanding, Quantity NoOutstanding, EngineLedger Ledger, IReadOnlyList<string> Problems)
{
    public bool Balanced => Problems.Count == 0;

    public static BookAudit Take(MatchingEngine engine)
    {
        lock (engine.SyncRoot)
        {
            var yes = new Dictionary<MarketTicker, long>();
            var no = new Dictionary<MarketTicker, long>();
            foreach (var account in engine.Accounts)
            {
                foreach (var p in engine.GetPositions(account))
                {
                    if (p.Position.IsPositive) yes[p.Ticker] = yes.GetValueOrDefault(p.Ticker) + p.Position.Hundredths;
                    else if (p.Position.IsNegative) no[p.Ticker] = no.GetValueOrDefault(p.Ticker) - p.Position.Hundredths;
                }
            }

            var problems = new List<string>();
            var markets = engine.GetMarkets();
            foreach (var m in markets)
            {
                var y = yes.GetValueOrDefault(m.Ticker);
                var n = no.GetValueOrDefault(m.Ticker);
                if (y != n) problems.Add($"{m.Ticker}: {Quantity.FromHundredths(y)} YES outstanding but {Quantity.FromHundredths(n)} NO");
            }

            var ledger = engine.GetLedger();
            if (ledger.Unaccounted != Money.Zero) problems.Add($"cash not conserved: {ledger.Unaccounted.ToDollarString()} unaccounted");
            return new BookAudit(markets.Count, Quantity.FromHundredths(yes.Values.Sum()), Quantity.FromHundredths(no.Values.Sum()), ledger, problems);
        }
    }
}
