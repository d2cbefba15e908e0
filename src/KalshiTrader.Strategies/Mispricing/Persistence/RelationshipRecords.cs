using System.Text;
using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Persistence;

/// <summary>
/// Relationship ⇄ the store's <see cref="RelationshipRecord"/>. The claim (kind, ordered members, exhaustiveness,
/// slack) goes to DefinitionJson, what it relied on (rules text, settlement sources) to EvidenceJson, so a stored
/// relationship can be rebuilt exactly and its reason inspected.
/// </summary>
public static class RelationshipRecords
{
    public static RelationshipRecord ToRecord(Relationship r, string? reviewedBy = null, string? reviewNote = null) => new()
    {
        RelationshipId = r.Id,
        Kind = RelationshipWire.ToWire(r.Kind),
        State = ToState(r.Approval),
        Tickers = r.Markets,
        EventTickers = r.Events,
        Source = r.Source == RelationshipSource.Structural ? "rule" : "llm",
        Confidence = r.Confidence,
        Rationale = r.Reasoning,
        DefinitionJson = Definition(r),
        EvidenceJson = Evidence(r),
        CreatedTime = r.CreatedAt,
        UpdatedTime = r.LastValidatedAt,
        ReviewedBy = reviewedBy,
        ReviewNote = reviewNote ?? r.StateReason,
    };

    /// <exception cref="FormatException">names the relationship and field when the stored JSON does not fit.</exception>
    public static Relationship FromRecord(RelationshipRecord record)
    {
        try
        {
            using var def = JsonDocument.Parse(record.DefinitionJson ?? "{}");
            var d = def.RootElement;
            var rules = new List<MemberRules>();
            var sources = new List<SettlementSource>();
            if (record.EvidenceJson is { } evidence)
            {
                using var ev = JsonDocument.Parse(evidence);
                foreach (var m in ev.RootElement.GetProperty("rules").EnumerateArray())
                {
                    rules.Add(new MemberRules(m.GetProperty("ticker").GetString()!, m.GetProperty("rules_primary").GetString() ?? "",
                        m.TryGetProperty("settles_at", out var t) && t.ValueKind == JsonValueKind.String ? t.GetDateTimeOffset() : null));
                }

                foreach (var s in ev.RootElement.GetProperty("settlement_sources").EnumerateArray())
                {
                    sources.Add(new SettlementSource(s.GetProperty("name").GetString()!, s.TryGetProperty("url", out var u) ? u.GetString() : null));
                }
            }

            return new Relationship
            {
                Id = record.RelationshipId,
                Kind = RelationshipWire.ParseKind(record.Kind),
                Markets = record.Tickers,
                Exhaustive = d.TryGetProperty("exhaustive", out var ex) && ex.GetBoolean(),
                Constraint = d.TryGetProperty("constraint", out var c) ? c.GetString() ?? "" : "",
                Confidence = record.Confidence ?? 1m,
                Reasoning = record.Rationale ?? "",
                Source = record.Source == "llm" ? RelationshipSource.Llm : RelationshipSource.Structural,
                Approval = FromState(record.State),
                Slack = d.TryGetProperty("slack", out var sl) ? Price.Parse(sl.GetString(), "slack") : Price.Zero,
                Events = record.EventTickers,
                Rules = rules,
                SettlementSources = sources,
                CreatedAt = record.CreatedTime,
                LastValidatedAt = record.UpdatedTime,
                StateReason = record.ReviewNote,
            };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"relationship {record.RelationshipId}: stored definition/evidence JSON is malformed ({ex.Message})", ex);
        }
    }

    public static RelationshipState ToState(ApprovalState s) => s switch
    {
        ApprovalState.Proposed => RelationshipState.Proposed,
        ApprovalState.Approved => RelationshipState.Approved,
        ApprovalState.Rejected => RelationshipState.Rejected,
        _ => RelationshipState.Retired,
    };

    public static ApprovalState FromState(RelationshipState s) => s switch
    {
        RelationshipState.Proposed => ApprovalState.Proposed,
        RelationshipState.Approved => ApprovalState.Approved,
        RelationshipState.Rejected => ApprovalState.Rejected,
        _ => ApprovalState.Retired,
    };

    private static string Definition(Relationship r) => Json(w =>
    {
        w.WriteString("kind", RelationshipWire.ToWire(r.Kind));
        w.WriteStartArray("markets");
        foreach (var m in r.Markets) w.WriteStringValue(m.Value);
        w.WriteEndArray();
        w.WriteBoolean("exhaustive", r.Exhaustive);
        w.WriteString("constraint", r.Constraint);
        w.WriteString("slack", r.Slack.ToDollarString());
        w.WriteString("source", RelationshipWire.ToWire(r.Source));
    });

    private static string Evidence(Relationship r) => Json(w =>
    {
        w.WriteStartArray("rules");
        foreach (var m in r.Rules)
        {
            w.WriteStartObject();
            w.WriteString("ticker", m.Ticker.Value);
            w.WriteString("rules_primary", m.RulesPrimary);
            if (m.SettlesAt is { } t) w.WriteString("settles_at", t);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("settlement_sources");
        foreach (var s in r.SettlementSources)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            if (s.Url is not null) w.WriteString("url", s.Url);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    internal static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
