using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Tests.Mispricing.Persistence;

public sealed class RelationshipRecordsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static Relationship Sample() => new()
    {
        Id = "exclusive_set+exhaustive:A,B",
        Kind = RelationshipKind.ExclusiveSet,
        Markets = ["A", "B"],
        Exhaustive = true,
        Constraint = "Σ P(i) = 1",
        Confidence = 0.97m,
        Reasoning = "tiles \"the line\"",
        Source = RelationshipSource.Llm,
        Approval = ApprovalState.Approved,
        Slack = Price.Parse("0.0300"),
        Events = ["EV-1"],
        Rules = [new MemberRules("A", "If A, Yes.", Now), new MemberRules("B", "If B, Yes.", null)],
        SettlementSources = [new SettlementSource("NWS", "https://weather.gov"), new SettlementSource("Other", null)],
        CreatedAt = Now.AddDays(-1),
        LastValidatedAt = Now,
    };

    [Fact]
    public void ARelationshipSurvivesTheRoundTripThroughItsRecord()
    {
        var original = Sample();

        var back = RelationshipRecords.FromRecord(RelationshipRecords.ToRecord(original));

        Assert.Equal(original.Id, back.Id);
        Assert.Equal(original.Kind, back.Kind);
        Assert.Equal(original.Markets, back.Markets);
        Assert.Equal(original.Exhaustive, back.Exhaustive);
        Assert.Equal(original.Constraint, back.Constraint);
        Assert.Equal(original.Confidence, back.Confidence);
        Assert.Equal(original.Reasoning, back.Reasoning);
        Assert.Equal(original.Source, back.Source);
        Assert.Equal(original.Approval, back.Approval);
        Assert.Equal(original.Slack, back.Slack);
        Assert.Equal(original.Events, back.Events);
        Assert.Equal(original.Rules, back.Rules);
        Assert.Equal(original.SettlementSources, back.SettlementSources);
        Assert.Equal(original.CreatedAt, back.CreatedAt);
        Assert.Equal(original.LastValidatedAt, back.LastValidatedAt);
    }

    [Fact]
    public void CorruptStoredJsonNamesTheRelationship()
    {
        var record = RelationshipRecords.ToRecord(Sample()) with { EvidenceJson = "{\"rules\": 5}" };

        var ex = Assert.Throws<FormatException>(() => RelationshipRecords.FromRecord(record));
        Assert.Contains("exclusive_set+exhaustive:A,B", ex.Message);
    }

    [Fact]
    public void StatesMapBothWays()
    {
        foreach (var s in Enum.GetValues<ApprovalState>())
        {
            Assert.Equal(s, RelationshipRecords.FromState(RelationshipRecords.ToState(s)));
        }

        Assert.Equal(RelationshipState.Approved, RelationshipRecords.ToState(ApprovalState.Approved));
    }
}
