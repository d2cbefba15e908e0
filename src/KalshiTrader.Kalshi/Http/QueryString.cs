using System.Globalization;
using System.Text;

namespace KalshiTrader.Kalshi.Http;

/// <summary>Builds a query string, skipping absent values; time filters go out as Unix seconds.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _sb = new();

    public QueryString Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return this;
        _sb.Append(_sb.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryString Add(string name, bool? value) => Add(name, value is { } b ? (b ? "true" : "false") : null);

    public QueryString AddSeconds(string name, DateTimeOffset? time) => Add(name, time?.ToUnixTimeSeconds());

    public QueryString AddList(string name, IEnumerable<string>? values) =>
        values is null ? this : Add(name, string.Join(',', values));

    public override string ToString() => _sb.ToString();
}
