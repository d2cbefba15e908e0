using System.Globalization;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// A BTC/USD price path: observed up to "now" (advanced by the scenario) and sampled beyond it when a market settles
/// on a later time. Both implementations extend the future with the same diffusion the fair values assume.
/// </summary>
internal abstract class BtcPricePath(double annualVolatility, ScenarioRandom future)
{
    public const double SecondsPerYear = 365.25 * 24 * 3600;

    public double AnnualVolatility { get; } = annualVolatility;

    public DateTimeOffset Now { get; protected set; }

    public double Price { get; protected set; }

    public abstract void Start(DateTimeOffset start);

    public abstract void AdvanceTo(DateTimeOffset now);

    /// <summary>The price at <paramref name="time"/> ≥ <see cref="Now"/>: data when the path has it, else a diffusion draw from the last known price.</summary>
    public virtual double SampleAt(DateTimeOffset time, DateTimeOffset from, double fromPrice) => Diffuse(fromPrice, (time - from).TotalSeconds, future);

    protected double Diffuse(double price, double seconds, ScenarioRandom rng)
    {
        if (seconds <= 0) return price;
        var sigma = AnnualVolatility * Math.Sqrt(seconds / SecondsPerYear);
        return price * Math.Exp((sigma * rng.Normal()) - (sigma * sigma / 2));
    }
}

/// <summary>A seeded geometric random walk (default ~55% annualised volatility, BTC-like).</summary>
internal sealed class RandomWalkBtcPath(double startPrice, double annualVolatility, ScenarioRandom steps, ScenarioRandom future)
    : BtcPricePath(annualVolatility, future)
{
    private readonly ScenarioRandom _steps = steps;

    public override void Start(DateTimeOffset start)
    {
        Now = start;
        Price = startPrice;
    }

    public override void AdvanceTo(DateTimeOffset now)
    {
        if (now <= Now) return;
        Price = Diffuse(Price, (now - Now).TotalSeconds, _steps);
        Now = now;
    }
}

/// <summary>
/// Real 1-minute bars replayed in real time from a seeded starting row (closes interpolated between minutes, so the
/// price moves every second). Settlement times inside the file read the file; beyond it the path diffuses.
/// </summary>
internal sealed class CsvBtcPath : BtcPricePath
{
    private readonly double[] _closes;
    private readonly int _startRow;
    private DateTimeOffset _start;

    public CsvBtcPath(IReadOnlyList<double> closes, double annualVolatility, ScenarioRandom pick, ScenarioRandom future)
        : base(annualVolatility, future)
    {
        if (closes.Count < 2) throw new FormatException("BTC CSV: needs at least two price rows");
        _closes = [.. closes];
        // Leave three hours of data after the start when the file allows it, so hourly settlements read real prices.
        var room = Math.Max(1, _closes.Length - 180);
        _startRow = pick.Next(room);
    }

    public int StartRow => _startRow;

    public override void Start(DateTimeOffset start)
    {
        _start = start;
        Now = start;
        Price = At(start) ?? _closes[^1];
    }

    public override void AdvanceTo(DateTimeOffset now)
    {
        if (now <= Now) return;
        Price = At(now) ?? Diffuse(Price, (now - Now).TotalSeconds, new ScenarioRandom((ulong)now.UtcTicks, "btc-csv-tail"));
        Now = now;
    }

    public override double SampleAt(DateTimeOffset time, DateTimeOffset from, double fromPrice) =>
        At(time) ?? base.SampleAt(time, from, fromPrice);

    private double? At(DateTimeOffset t)
    {
        var minutes = (t - _start).TotalMinutes;
        var row = _startRow + (int)Math.Floor(minutes);
        if (minutes < 0 || row + 1 >= _closes.Length) return null;
        var frac = minutes - Math.Floor(minutes);
        return _closes[row] + ((_closes[row + 1] - _closes[row]) * frac);
    }

    /// <summary>Reads the "close" column of a bar file with a header (open_time,open,high,low,close,volume).</summary>
    /// <exception cref="FormatException">names the file, line and column when a row is malformed.</exception>
    public static List<double> ReadCloses(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new FormatException($"{path}: empty file");
        var columns = header.Split(',').Select(c => c.Trim().ToLowerInvariant()).ToArray();
        var closeIndex = Array.IndexOf(columns, "close");
        if (closeIndex < 0) throw new FormatException($"{path}: header has no 'close' column ({header})");
        var closes = new List<double>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length == 0) continue;
            var cells = text.Split(',');
            if (cells.Length <= closeIndex || !double.TryParse(cells[closeIndex], NumberStyles.Float, CultureInfo.InvariantCulture, out var close) || close <= 0)
            {
                throw new FormatException($"{path}: line {line}: 'close' is not a positive number");
            }

            closes.Add(close);
        }

        return closes;
    }
}
