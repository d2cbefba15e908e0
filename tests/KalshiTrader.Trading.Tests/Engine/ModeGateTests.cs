using KalshiTrader.Trading.Engine;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Tests.Engine;

public sealed class ModeGateTests
{
    [Fact]
    public void DryRunIsTheDefault()
    {
        Assert.True(ModeGate.TryResolve(null, liveFlag: false, configDryRun: true, out var mode, out _));
        Assert.Equal(EngineMode.DryRun, mode);
    }

    [Fact]
    public void PaperNeedsNothingElse()
    {
        Assert.True(ModeGate.TryResolve("paper", liveFlag: false, configDryRun: true, out var mode, out _));
        Assert.Equal(EngineMode.Paper, mode);
    }

    [Theory]
    [InlineData(false, true, "--live", "trading.dry_run: false")]
    [InlineData(true, true, "trading.dry_run: false", null)]
    [InlineData(false, false, "--live", null)]
    public void LiveIsRefusedUnlessBothTheFlagAndTheConfigSayLive(bool liveFlag, bool configDryRun, string mentions, string? alsoMentions)
    {
        Assert.False(ModeGate.TryResolve("live", liveFlag, configDryRun, out _, out var error));
        Assert.Contains(mentions, error);
        if (alsoMentions is not null) Assert.Contains(alsoMentions, error);
    }

    [Fact]
    public void LiveWithBothTheFlagAndTheConfigIsAllowed()
    {
        Assert.True(ModeGate.TryResolve("live", liveFlag: true, configDryRun: false, out var mode, out _));
        Assert.Equal(EngineMode.Live, mode);
    }

    [Fact]
    public void PaperRefusesARemoteExchange()
    {
        Assert.Null(ModeGate.CheckPaperTarget(new Uri("http://127.0.0.1:8787/trade-api/v2")));
        Assert.Contains("local exchange", ModeGate.CheckPaperTarget(new Uri("https://external-api.kalshi.com/trade-api/v2")));
    }

    [Fact]
    public void AnUnknownModeIsNamed()
    {
        Assert.False(ModeGate.TryResolve("yolo", false, true, out _, out var error));
        Assert.Contains("yolo", error);
    }
}
