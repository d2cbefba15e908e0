using System.Data.Common;

namespace KalshiTrader.Storage.Sql;

/// <summary>A connection borrowed for one operation; disposing gives it back (or closes it).</summary>
internal sealed class ConnectionLease(DbConnection connection, Func<ValueTask> release) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public ValueTask DisposeAsync() => release();
}
