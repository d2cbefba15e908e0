using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>
/// A proposal (or a reply) that failed a check, and why. A proposal that named its markets is also stored, state
/// rejected with the reason, under <see cref="RelationshipId"/>; null for replies that broke the schema (nothing to
/// store) and for proposals whose id was already stored (a person's decision is never overwritten).
/// </summary>
public sealed record LlmRejection(string Batch, string Proposal, string Reason)
{
    public string? RelationshipId { get; init; }
}

/// <summary>What one LLM discovery run did.</summary>
public sealed record LlmDiscoveryReport
{
    /// <summary>Stored as <see cref="ApprovalState.Proposed"/>, source llm: waiting for <c>relationships approve</c>.</summary>
    public IReadOnlyList<Relationship> Proposed { get; init; } = [];
    public IReadOnlyList<LlmRejection> Rejected { get; init; } = [];

    /// <summary>Proposals already stored or already covered by a structural link.</summary>
    public int Skipped { get; init; }
    public int Batches { get; init; }
    public int Calls { get; init; }
    public int CacheHits { get; init; }

    /// <summary>Replies that were not one JSON object of the schema's shape.</summary>
    public int MalformedReplies { get; init; }

    /// <summary>Single proposals (or verdicts) that broke the schema; the rest of their reply was still used.</summary>
    public int SchemaViolations { get; init; }

    /// <summary>Calls that failed at the API or transport (the run carries on with the next batch).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
    public Money Spent { get; init; }
    public Money SpentToday { get; init; }
    public Money Budget { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }

    /// <summary>Why the run ended early (budget exhausted, no price for a model), or null when it covered every batch.</summary>
    public string? StoppedBecause { get; init; }
}

/// <summary>
/// Optional discovery of relationships that metadata alone cannot prove, by a language model through Anthropic's
/// Messages API. The fast model scans batches (event, then category, then across categories) and answers in the
/// JSON schema of <see cref="ProposalSchema"/>; every proposal is checked against the exchange's facts
/// (<see cref="ProposalChecks"/>) and then judged by the strong model; survivors are stored as
/// <see cref="ApprovalState.Proposed"/> with source llm. Nothing here approves anything: a person does, with
/// <c>relationships approve</c>, and even then the link is never treated as riskless (<see cref="Relationship.IsHardLink"/>).
/// Responses are cached and spend is capped per day (<see cref="LlmGateway"/>).
/// </summary>
public sealed class LlmDiscovery : IDisposable
{
    private readonly ILlmClient _client;
    private readonly IKalshiStore _store;
    private readonly LlmSettings _settings;
    private readonly TimeProvider _time;
    private readonly LlmGateway _gateway;

    internal LlmDiscovery(ILlmClient client, IKalshiStore store, LlmSettings settings, TimeProvider time)
    {
        _client = client;
        _store = store;
        _settings = settings;
        _time = time;
        _gateway = new LlmGateway(client, store, settings, time);
    }

    /// <summary>
    /// The discovery, or null with <paramref name="unavailable"/> saying why and how to enable it (no API key: no
    /// client is built and no call is made).
    /// </summary>
    public static LlmDiscovery? Create(LlmSettings settings, IKalshiStore store, TimeProvider time, out string? unavailable)
    {
        if (!settings.HasKey)
        {
            unavailable = LlmSettings.NoKeyMessage;
            return null;
        }

        unavailable = null;
        return new LlmDiscovery(new AnthropicMessagesClient(settings), store, settings, time);
    }

    /// <param name="events">The scanned universe: events with nested markets.</param>
    /// <param name="known">Every stored relationship plus this run's structural discovery: proposals they already cover are skipped.</param>
    public async Task<LlmDiscoveryReport> RunAsync(
        IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series, IReadOnlyList<Relationship> known, CancellationToken cancellationToken)
    {
        var checks = new ProposalChecks(events, series, known, _settings);
        var markets = events.SelectMany(e => e.Markets.Select(m => (Market: m, Event: e))).GroupBy(x => x.Market.Ticker.Value)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var proposed = new List<Relationship>();
        var rejected = new List<LlmRejection>();
        var errors = new List<string>();
        int batches = 0, skipped = 0, malformed = 0, violations = 0;
        string? stopped = null;

        foreach (var batch in LlmBatches.Plan(events, series, _settings))
        {
            if (batches >= _settings.MaxBatches)
            {
                stopped = $"reached the limit of {_settings.MaxBatches} batches per run";
                break;
            }

            batches++;
            var scan = await _gateway.AskAsync(
                new LlmRequest(_settings.FastModel, DiscoveryPrompts.ScanSystem, DiscoveryPrompts.ScanUser(batch, series), _settings.MaxOutputTokens),
                cancellationToken).ConfigureAwait(false);
            if (Stop(scan) is { } why)
            {
                stopped = why;
                break;
            }

            if (scan.Status == GatewayStatus.Failed)
            {
                errors.Add($"{batch.Label}: {scan.Message}");
                continue;
            }

            var parsed = ProposalSchema.ParseProposals(scan.Text!);
            if (parsed.Malformed is { } bad)
            {
                malformed++;
                rejected.Add(new LlmRejection(batch.Label, "(whole reply)", "malformed reply: " + bad));
                continue;
            }

            violations += parsed.Violations.Count;
            rejected.AddRange(parsed.Violations.Select(v => new LlmRejection(batch.Label, "(schema)", "schema violation: " + v)));

            foreach (var proposal in parsed.Valid)
            {
                var outcome = checks.Check(proposal, _time.GetUtcNow());
                if (outcome.Skipped is not null)
                {
                    skipped++;
                    continue;
                }

                if (outcome.Rejected is { } reason)
                {
                    rejected.Add(await StoreRejectedAsync(batch.Label, proposal, reason, outcome.RejectedRecord, checks, cancellationToken).ConfigureAwait(false));
                    continue;
                }

                var candidate = outcome.Candidate!;
                var members = candidate.Markets.Select(t => (markets[t.Value].Market, markets[t.Value].Event)).ToList();
                var judged = await _gateway.AskAsync(
                    new LlmRequest(_settings.StrongModel, DiscoveryPrompts.ValidateSystem,
                        DiscoveryPrompts.ValidateUser(candidate, proposal, members, series, outcome.Notes), _settings.MaxOutputTokens),
                    cancellationToken).ConfigureAwait(false);
                if (Stop(judged) is { } halt)
                {
                    stopped = halt;
                    break;
                }

                if (judged.Status == GatewayStatus.Failed)
                {
                    errors.Add($"validating {proposal.Describe()}: {judged.Message}");
                    continue;
                }

                if (ProposalSchema.ParseVerdict(judged.Text!, out var problem) is not { } verdict)
                {
                    violations++;
                    rejected.Add(new LlmRejection(batch.Label, proposal.Describe(), "validation reply broke the schema: " + problem));
                    continue;
                }

                if (!verdict.Confirm)
                {
                    var refusal = $"rejected by {_settings.StrongModel}: {verdict.Reasoning}";
                    var record = candidate with { Approval = ApprovalState.Rejected, StateReason = refusal, Confidence = Math.Min(proposal.Confidence, verdict.Confidence) };
                    rejected.Add(await StoreRejectedAsync(batch.Label, proposal, refusal, record, checks, cancellationToken).ConfigureAwait(false));
                    continue;
                }

                var relationship = candidate with
                {
                    Confidence = Math.Min(proposal.Confidence, verdict.Confidence),
                    Reasoning = $"{proposal.Reasoning} [proposed by {_settings.FastModel} ({batch.Label}), confidence {ProposalSchema.Invariant(proposal.Confidence)}] " +
                                $"[validated by {_settings.StrongModel}, confidence {ProposalSchema.Invariant(verdict.Confidence)}: {verdict.Reasoning}] " +
                                $"[checks: {string.Join("; ", outcome.Notes)}]",
                    LastValidatedAt = _time.GetUtcNow(),
                };
                // Written one by one, so what was validated survives a budget stop or a crash later in the run.
                await _store.UpsertRelationshipsAsync([RelationshipRecords.ToRecord(relationship)], cancellationToken).ConfigureAwait(false);
                checks.Remember(relationship);
                proposed.Add(relationship);
            }

            if (stopped is not null) break;
        }

        var today = await _gateway.SpentTodayAsync(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new LlmDiscoveryReport
        {
            Proposed = proposed,
            Rejected = rejected,
            Skipped = skipped,
            Batches = batches,
            Calls = _gateway.Calls,
            CacheHits = _gateway.CacheHits,
            MalformedReplies = malformed,
            SchemaViolations = violations,
            Errors = errors,
            Spent = _gateway.Spent,
            SpentToday = today.Spent,
            Budget = _settings.DailyBudget,
            InputTokens = _gateway.InputTokens,
            OutputTokens = _gateway.OutputTokens,
            StoppedBecause = stopped,
        };
    }

    // Every checked proposal is stored, the refused ones as rejected with their reason (research keeps the misses),
    // and remembered so the same proposal later in the run is skipped.
    private async Task<LlmRejection> StoreRejectedAsync(
        string batch, LlmProposal proposal, string reason, Relationship? record, ProposalChecks checks, CancellationToken ct)
    {
        if (record is null) return new LlmRejection(batch, proposal.Describe(), reason);
        await _store.UpsertRelationshipsAsync([RelationshipRecords.ToRecord(record)], ct).ConfigureAwait(false);
        checks.Remember(record);
        return new LlmRejection(batch, proposal.Describe(), reason) { RelationshipId = record.Id };
    }

    public void Dispose() => (_client as IDisposable)?.Dispose();

    private static string? Stop(GatewayResult r) => r.Status is GatewayStatus.BudgetExhausted or GatewayStatus.NoPrice ? r.Message : null;
}
