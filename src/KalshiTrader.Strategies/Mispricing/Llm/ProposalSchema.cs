using System.Globalization;
using System.Text.Json;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>The four link types a model may propose.</summary>
internal enum ProposalType
{
    /// <summary>Two markets; YES of one logically implies YES of the other.</summary>
    Subset,

    /// <summary>Strike ladder on one underlying, same source and time.</summary>
    Threshold,

    /// <summary>At most one (or exactly one) member resolves YES.</summary>
    Partition,

    /// <summary>Two markets; YES of one makes YES of the other very likely but not certain.</summary>
    Implication,
}

/// <summary>One proposal exactly as the model stated it, after the schema check.</summary>
internal sealed record LlmProposal(ProposalType Type, IReadOnlyList<string> Members, string Direction, decimal Confidence, string Reasoning)
{
    public string Describe() => $"{ProposalSchema.TypeName(Type)} [{string.Join(", ", Members)}] {Direction}";
}

/// <summary>A whole reply: the proposals that fit the schema, and a reason for every one that did not.</summary>
internal sealed record ParsedProposals(IReadOnlyList<LlmProposal> Valid, IReadOnlyList<string> Violations, string? Malformed);

/// <summary>The strong model's verdict on one proposal.</summary>
internal sealed record Verdict(bool Confirm, decimal Confidence, string Reasoning);

/// <summary>
/// The JSON the models must answer with, defined here once: <see cref="ProposalsSchema"/> and
/// <see cref="VerdictSchema"/> are shown to the model verbatim, and <see cref="ParseProposals"/> and
/// <see cref="ParseVerdict"/> enforce exactly the same rules (the API's own structured-output mode is not used,
/// so any base URL and model works). Anything outside the schema is rejected with the field named, never guessed at.
/// </summary>
internal static class ProposalSchema
{
    public const string ProposalsSchema = """
        {
          "type": "object",
          "required": ["relationships"],
          "properties": {
            "relationships": {
              "type": "array",
              "items": {
                "type": "object",
                "required": ["type", "members", "direction", "confidence", "reasoning"],
                "properties": {
                  "type": {"enum": ["SUBSET", "THRESHOLD", "PARTITION", "IMPLICATION"]},
                  "members": {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": true,
                              "description": "market tickers exactly as listed; SUBSET and IMPLICATION take exactly 2"},
                  "direction": {"type": "string", "description": "SUBSET/IMPLICATION: first_implies_second | second_implies_first; THRESHOLD: weakest_first | strongest_first (weakest = most likely YES); PARTITION: at_most_one | exactly_one"},
                  "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                  "reasoning": {"type": "string", "minLength": 1, "description": "why, citing the rules text"}
                }
              }
            }
          }
        }
        """;

    public const string VerdictSchema = """
        {
          "type": "object",
          "required": ["verdict", "confidence", "reasoning"],
          "properties": {
            "verdict": {"enum": ["confirm", "reject"]},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "reasoning": {"type": "string", "minLength": 1}
          }
        }
        """;

    public static string TypeName(ProposalType t) => t switch
    {
        ProposalType.Subset => "SUBSET",
        ProposalType.Threshold => "THRESHOLD",
        ProposalType.Partition => "PARTITION",
        ProposalType.Implication => "IMPLICATION",
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    public static IReadOnlyList<string> DirectionsOf(ProposalType t) => t switch
    {
        ProposalType.Subset or ProposalType.Implication => ["first_implies_second", "second_implies_first"],
        ProposalType.Threshold => ["weakest_first", "strongest_first"],
        _ => ["at_most_one", "exactly_one"],
    };

    public static ParsedProposals ParseProposals(string text)
    {
        if (!TryRoot(text, out var doc, out var problem)) return new ParsedProposals([], [], problem);
        using (doc)
        {
            var root = doc!.RootElement;
            if (!root.TryGetProperty("relationships", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return new ParsedProposals([], [], "missing 'relationships' array");
            }

            var valid = new List<LlmProposal>();
            var violations = new List<string>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"relationships[{i++}]";
                if (ParseOne(item, at, out var proposal) is { } why) violations.Add(why);
                else valid.Add(proposal!);
            }

            return new ParsedProposals(valid, violations, null);
        }
    }

    /// <returns>The verdict, or null with <paramref name="problem"/> saying what did not fit.</returns>
    public static Verdict? ParseVerdict(string text, out string? problem)
    {
        if (!TryRoot(text, out var doc, out problem)) return null;
        using (doc)
        {
            var r = doc!.RootElement;
            var verdict = r.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (verdict is not ("confirm" or "reject"))
            {
                problem = "verdict: must be \"confirm\" or \"reject\"";
                return null;
            }

            if (Confidence(r, "confidence", out var confidence) is { } why)
            {
                problem = why;
                return null;
            }

            if (!r.TryGetProperty("reasoning", out var reason) || reason.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(reason.GetString()))
            {
                problem = "reasoning: must be a non-empty string";
                return null;
            }

            return new Verdict(verdict == "confirm", confidence, reason.GetString()!.Trim());
        }
    }

    private static string? ParseOne(JsonElement item, string at, out LlmProposal? proposal)
    {
        proposal = null;
        if (item.ValueKind != JsonValueKind.Object) return $"{at}: must be an object";
        var typeText = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        ProposalType? type = typeText switch
        {
            "SUBSET" => ProposalType.Subset,
            "THRESHOLD" => ProposalType.Threshold,
            "PARTITION" => ProposalType.Partition,
            "IMPLICATION" => ProposalType.Implication,
            _ => null,
        };
        if (type is not { } kind) return $"{at}.type: must be SUBSET, THRESHOLD, PARTITION or IMPLICATION, was {Show(t)}";

        if (!item.TryGetProperty("members", out var m) || m.ValueKind != JsonValueKind.Array) return $"{at}.members: must be an array of tickers";
        var members = new List<string>();
        foreach (var x in m.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(x.GetString())) return $"{at}.members: every member must be a ticker string";
            members.Add(x.GetString()!.Trim());
        }

        if (members.Count < 2) return $"{at}.members: needs at least 2 tickers, had {members.Count}";
        if (kind is ProposalType.Subset or ProposalType.Implication && members.Count != 2) return $"{at}.members: {typeText} takes exactly 2 tickers, had {members.Count}";
        if (members.Distinct(StringComparer.Ordinal).Count() != members.Count) return $"{at}.members: a ticker is listed twice";

        var direction = item.TryGetProperty("direction", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var allowed = DirectionsOf(kind);
        if (direction is null || !allowed.Contains(direction)) return $"{at}.direction: for {typeText} must be {string.Join(" or ", allowed)}, was {Show(d)}";

        if (Confidence(item, $"{at}.confidence", out var confidence) is { } why) return why;
        if (!item.TryGetProperty("reasoning", out var r) || r.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(r.GetString()))
        {
            return $"{at}.reasoning: must be a non-empty string";
        }

        proposal = new LlmProposal(kind, members, direction, confidence, r.GetString()!.Trim());
        return null;
    }

    private static string? Confidence(JsonElement obj, string field, out decimal value)
    {
        value = 0;
        var name = field.Contains('.', StringComparison.Ordinal) ? field[(field.LastIndexOf('.') + 1)..] : field;
        if (!obj.TryGetProperty(name, out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetDecimal(out value) || value < 0 || value > 1)
        {
            return $"{field}: must be a number from 0 to 1, was {(obj.TryGetProperty(name, out var raw) ? Show(raw) : "missing")}";
        }

        return null;
    }

    /// <summary>
    /// The reply must be one JSON object. Markdown fences around it are tolerated (models add them even when told
    /// not to); prose around it is not.
    /// </summary>
    private static bool TryRoot(string text, out JsonDocument? doc, out string? problem)
    {
        doc = null;
        var body = text.Trim();
        if (body.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = body.IndexOf('\n');
            var close = body.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine > 0 && close > firstLine) body = body[(firstLine + 1)..close].Trim();
        }

        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            problem = $"reply is not valid JSON ({ex.Message.Split('.')[0]}): {Snippet(text)}";
            return false;
        }

        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            doc.Dispose();
            doc = null;
            problem = "reply must be a JSON object";
            return false;
        }

        problem = null;
        return true;
    }

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.String => "\"" + Snippet(e.GetString() ?? "") + "\"",
        _ => Snippet(e.GetRawText()),
    };

    private static string Snippet(string s)
    {
        var flat = s.ReplaceLineEndings(" ").Trim();
        return flat.Length <= 80 ? flat : flat[..80] + "…";
    }

    internal static string Invariant(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
