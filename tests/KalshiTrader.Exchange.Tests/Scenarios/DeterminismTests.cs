namespace KalshiTrader.Exchange.Tests.Scenarios;

public sealed class DeterminismTests
{
    [Fact]
    public void TheSameSeedGivesTheSameBookSequence()
    {
        var a = ScenarioRun.Demo(seed: 11);
        var b = ScenarioRun.Demo(seed: 11);
        var seqA = new List<string>();
        var seqB = new List<string>();
        a.Run(TimeSpan.FromSeconds(15), afterEach: () => seqA.Add(a.Fingerprint()));
        b.Run(TimeSpan.FromSeconds(15), afterEach: () => seqB.Add(b.Fingerprint()));
        Assert.Equal(seqA.Count, seqB.Count);
        for (var i = 0; i < seqA.Count; i++) Assert.True(seqA[i] == seqB[i], $"books differ at step {i}");
        Assert.Equal(a.Engine.GetTrades().Count, b.Engine.GetTrades().Count);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentBooks()
    {
        var a = ScenarioRun.Demo(seed: 11);
        var b = ScenarioRun.Demo(seed: 12);
        a.Run(TimeSpan.FromSeconds(5));
        b.Run(TimeSpan.FromSeconds(5));
        Assert.NotEqual(a.Fingerprint(), b.Fingerprint());
    }

    [Fact]
    public void BooksMoveWhileParticipantsTrade()
    {
        var run = ScenarioRun.Demo(seed: 4);
        var before = run.Fingerprint();
        run.Run(TimeSpan.FromSeconds(20));
        Assert.NotEqual(before, run.Fingerprint());
        Assert.NotEmpty(run.Engine.GetTrades());
    }
}
