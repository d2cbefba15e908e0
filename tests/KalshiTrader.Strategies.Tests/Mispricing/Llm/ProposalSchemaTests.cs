using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Trading.Config;

namespace KalshiTrader.Strategies.Tests.Mispricing.Llm;

public sealed class ProposalSchemaTests
{
    private const string Item = """{"type":"SUBSET","members":["A-1","B-1"],"direction":"first_implies_second","confidence":0.8,"reasoning":"A is inside B."}""";

    [Fact]
    public void AJsonObjectInsideMarkdownFencesIsAccepted()
    {
        var parsed = ProposalSchema.ParseProposals("```json\n{\"relationships\":[" + Item + "]}\n```");

        Assert.Null(parsed.Malformed);
        var p = Assert.Single(parsed.Valid);
        Assert.Equal(ProposalType.Subset, p.Type);
        Assert.Equal(0.8m, p.Confidence);
    }

    [Theory]
    [InlineData("Here you go: {\"relationships\": []}", "reply is not valid JSON")]
    [InlineData("[1, 2]", "reply must be a JSON object")]
    [InlineData("{\"links\": []}", "missing 'relationships' array")]
    public void RepliesThatAreNotTheSchemaObjectAreMalformed(string reply, string expected)
    {
        var parsed = ProposalSchema.ParseProposals(reply);

        Assert.StartsWith(expected, parsed.Malformed, StringComparison.Ordinal);
        Assert.Empty(parsed.Valid);
    }

    [Theory]
    [InlineData("""{"type":"SUPERSET","members":["A","B"],"direction":"first_implies_second","confidence":0.5,"reasoning":"r"}""", "relationships[0].type: must be SUBSET, THRESHOLD, PARTITION or IMPLICATION, was \"SUPERSET\"")]
    [InlineData("""{"type":"SUBSET","members":["A","B","C"],"direction":"first_implies_second","confidence":0.5,"reasoning":"r"}""", "relationships[0].members: SUBSET takes exactly 2 tickers, had 3")]
    [InlineData("""{"type":"PARTITION","members":["A","A"],"direction":"at_most_one","confidence":0.5,"reasoning":"r"}""", "relationships[0].members: a ticker is listed twice")]
    [InlineData("""{"type":"THRESHOLD","members":["A","B"],"direction":"first_implies_second","confidence":0.5,"reasoning":"r"}""", "relationships[0].direction: for THRESHOLD must be weakest_first or strongest_first, was \"first_implies_second\"")]
    [InlineData("""{"type":"IMPLICATION","members":["A","B"],"direction":"first_implies_second","confidence":"high","reasoning":"r"}""", "relationships[0].confidence: must be a number from 0 to 1, was \"high\"")]
    [InlineData("""{"type":"IMPLICATION","members":["A","B"],"direction":"first_implies_second","confidence":0.5,"reasoning":" "}""", "relationships[0].reasoning: must be a non-empty string")]
    public void EachSchemaViolationIsNamedAndTheRestOfTheReplyIsKept(string bad, string expected)
    {
        var parsed = ProposalSchema.ParseProposals("{\"relationships\":[" + bad + "," + Item + "]}");

        Assert.Null(parsed.Malformed);
        Assert.Equal(expected, Assert.Single(parsed.Violations));
        Assert.Single(parsed.Valid);
    }

    [Fact]
    public void VerdictMustConfirmOrRejectWithConfidenceAndReasoning()
    {
        Assert.True(ProposalSchema.ParseVerdict("""{"verdict":"confirm","confidence":0.9,"reasoning":"holds"}""", out _)!.Confirm);
        Assert.Null(ProposalSchema.ParseVerdict("""{"verdict":"maybe","confidence":0.9,"reasoning":"?"}""", out var problem));
        Assert.Equal("verdict: must be \"confirm\" or \"reject\"", problem);
    }

    [Fact]
    public void CostIsPricedPerMillionTokensAndRoundedUpToTheMicroDollar()
    {
        var haiku = LlmPrices.Default("claude-haiku-4-5-20251001")!.Value;

        Assert.Equal(Money.FromMicros(2_000), haiku.Cost(1_000, 200));
        Assert.Equal(Money.FromMicros(1), haiku.Cost(1, 0)); // $0.000001 exactly
        Assert.Equal(Money.FromMicros(1), ModelPrice.Parse("0.50/0.50", "price").Cost(1, 0)); // half a micro-dollar rounds up
        Assert.Null(LlmPrices.Default("mystery-model"));
        Assert.Throws<FormatException>(() => ModelPrice.Parse("cheap", "--llm-price"));
    }
}
