using System.Data.Common;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Storage.Sql;

/// <summary>Typed, by-name access to the current row of a reader, with the dialect's time and decimal rules.</summary>
internal readonly struct Row(DbDataReader reader, SqlDialect dialect)
{
    private int Ord(string column) => reader.GetOrdinal(column);

    public bool IsNull(string column) => reader.IsDBNull(Ord(column));

    public string Text(string column) => reader.GetString(Ord(column));

    public string? TextOrNull(string column)
    {
        var o = Ord(column);
        return reader.IsDBNull(o) ? null : reader.GetString(o);
    }

    public long Long(string column) => reader.GetInt64(Ord(column));

    public long? LongOrNull(string column)
    {
        var o = Ord(column);
        return reader.IsDBNull(o) ? null : reader.GetInt64(o);
    }

    public int Int(string column) => checked((int)Long(column));

    public bool Bool(string column) => dialect.ReadBool(reader, Ord(column));

    public DateTimeOffset Time(string column) => dialect.ReadTime(reader, Ord(column));

    public DateTimeOffset? TimeOrNull(string column)
    {
        var o = Ord(column);
        return reader.IsDBNull(o) ? null : dialect.ReadTime(reader, o);
    }

    public decimal Decimal(string column) => dialect.ReadDecimal(reader, Ord(column));

    public decimal? DecimalOrNull(string column)
    {
        var o = Ord(column);
        return reader.IsDBNull(o) ? null : dialect.ReadDecimal(reader, o);
    }

    public Price Price(string column) => Core.Primitives.Price.FromTicks(Int(column));

    public Price? PriceOrNull(string column) => LongOrNull(column) is { } t ? Core.Primitives.Price.FromTicks(checked((int)t)) : null;

    public Quantity Quantity(string column) => Core.Primitives.Quantity.FromHundredths(Long(column));

    public Quantity? QuantityOrNull(string column) => LongOrNull(column) is { } h ? Core.Primitives.Quantity.FromHundredths(h) : null;

    public Money Money(string column) => Core.Primitives.Money.FromMicros(Long(column));

    public Money? MoneyOrNull(string column) => LongOrNull(column) is { } m ? Core.Primitives.Money.FromMicros(m) : null;
}
