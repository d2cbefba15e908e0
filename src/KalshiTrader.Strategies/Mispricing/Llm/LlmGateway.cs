using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;

namespace KalshiTrader.Strategies.Mispricing.Llm;

internal enum GatewayStatus
{
    Answered,
    Cached,
    BudgetExhausted,
    NoPrice,
    Failed,
}

internal sealed record GatewayResult(GatewayStatus Status, string? Text, Money Cost, string? Message)
{
    public bool HasText => Text is not null;
}

/// <summary>
/// Every model call goes through here: the response cache first, then the daily budget, then the API.
/// Both live in the store's checkpoints table (one store to back up, no extra folder to configure):
/// <list type="bullet">
/// <item><c>llm.cache.&lt;model&gt;.&lt;sha256 of max_tokens, system and user prompt&gt;</c> → the reply text and its usage.
/// A hit makes no HTTP call and costs nothing. Replies that fail the schema are cached too: asking the same prompt
/// again would buy the same answer.</item>
/// <item><c>llm.spend.&lt;yyyy-MM-dd UTC&gt;</c> → dollars (micro-dollars), tokens and calls spent that day, priced per model
/// from the usage each response reports.</item>
/// </list>
/// A call is refused once the day's spend has reached the budget; the one call that crosses it can overshoot by at
/// most its own cost (bounded by max_tokens).
/// </summary>
internal sealed class LlmGateway(ILlmClient client, IKalshiStore store, LlmSettings settings, TimeProvider time)
{
    public int Calls { get; private set; }
    public int CacheHits { get; private set; }
    public Money Spent { get; private set; }
    public long InputTokens { get; private set; }
    public long OutputTokens { get; private set; }

    public async Task<GatewayResult> AskAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var key = CacheKey(request);
        if (await store.GetCheckpointAsync(key, cancellationToken).ConfigureAwait(false) is { } cached && ReadCached(cached) is { } text)
        {
            CacheHits++;
            return new GatewayResult(GatewayStatus.Cached, text, Money.Zero, null);
        }

        if (settings.PriceOf(request.Model) is not { } price)
        {
            return new GatewayResult(GatewayStatus.NoPrice, null, Money.Zero,
                $"no price known for model '{request.Model}', so the daily budget cannot be kept: give its price (dollars per million input/output tokens, e.g. --llm-price {request.Model}=1.00/5.00)");
        }

        var now = time.GetUtcNow();
        var spend = await SpentTodayAsync(now, cancellationToken).ConfigureAwait(false);
        if (spend.Spent >= settings.DailyBudget)
        {
            return new GatewayResult(GatewayStatus.BudgetExhausted, null, Money.Zero,
                $"daily LLM budget exhausted: {spend.Spent.Dollars:0.00####} of {settings.DailyBudget.Dollars:0.00####} dollars spent on {Day(now)} (UTC); " +
                "no further model calls today (raise anthropic.daily_budget or --budget to continue)");
        }

        var result = await client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Reply is not { } reply) return new GatewayResult(GatewayStatus.Failed, null, Money.Zero, result.Error);

        Calls++;
        var cost = price.Cost(reply.InputTokens, reply.OutputTokens);
        Spent += cost;
        InputTokens += reply.InputTokens;
        OutputTokens += reply.OutputTokens;
        var updated = spend with
        {
            Spent = spend.Spent + cost,
            InputTokens = spend.InputTokens + reply.InputTokens,
            OutputTokens = spend.OutputTokens + reply.OutputTokens,
            Calls = spend.Calls + 1,
        };
        await store.SetCheckpointAsync(SpendKey(now), WriteSpend(updated), now, cancellationToken).ConfigureAwait(false);
        await store.SetCheckpointAsync(key, WriteCached(reply), now, cancellationToken).ConfigureAwait(false);
        return new GatewayResult(GatewayStatus.Answered, reply.Text, cost, null);
    }

    /// <summary>What today (UTC) has cost so far, across runs.</summary>
    public async Task<DailySpend> SpentTodayAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var raw = await store.GetCheckpointAsync(SpendKey(now), cancellationToken).ConfigureAwait(false);
        return raw is null ? new DailySpend(Money.Zero, 0, 0, 0) : ReadSpend(raw);
    }

    public static string CacheKey(LlmRequest request)
    {
        var prompt = string.Join("\0", request.MaxTokens.ToString(CultureInfo.InvariantCulture), request.System, request.User);
        return $"llm.cache.{request.Model}.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prompt)))}";
    }

    public static string SpendKey(DateTimeOffset now) => "llm.spend." + Day(now);

    private static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string WriteCached(LlmReply reply) => Json(w =>
    {
        w.WriteString("model", reply.Model);
        w.WriteString("text", reply.Text);
        w.WriteNumber("input_tokens", reply.InputTokens);
        w.WriteNumber("output_tokens", reply.OutputTokens);
    });

    // A cache row that does not parse is treated as a miss (and overwritten by the fresh answer).
    private static string? ReadCached(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string WriteSpend(DailySpend s) => Json(w =>
    {
        w.WriteString("spent", s.Spent.Dollars.ToString("0.000000", CultureInfo.InvariantCulture));
        w.WriteNumber("input_tokens", s.InputTokens);
        w.WriteNumber("output_tokens", s.OutputTokens);
        w.WriteNumber("calls", s.Calls);
    });

    /// <exception cref="FormatException">the stored spend row is corrupt: refusing is safer than assuming nothing was spent.</exception>
    private static DailySpend ReadSpend(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var r = doc.RootElement;
            var spent = decimal.Parse(r.GetProperty("spent").GetString()!, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return new DailySpend(Money.FromDollars(spent), r.GetProperty("input_tokens").GetInt64(), r.GetProperty("output_tokens").GetInt64(), r.GetProperty("calls").GetInt32());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            throw new FormatException($"checkpoint llm.spend: stored daily LLM spend is malformed ({ex.Message})", ex);
        }
    }

    private static string Json(Action<Utf8JsonWriter> body) => Persistence.RelationshipRecords.Json(body);
}

internal readonly record struct DailySpend(Money Spent, long InputTokens, long OutputTokens, int Calls);
