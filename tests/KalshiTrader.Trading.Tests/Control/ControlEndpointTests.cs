using System.Net;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Control;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;

namespace KalshiTrader.Trading.Tests.Control;

public sealed class ControlEndpointTests
{
    [Fact]
    public async Task KillWithNoArgumentsFindsTheEngineThroughTheStateFileAndLeavesNoOrderResting()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var folder = new EngineStateFolder(Testing.RepoFolder.NewTempFolder());
        var engine = await world.StartAsync([probe], TestWorld.Options() with { KillFilePath = folder.KillFilePath });
        await using var control = await ControlEndpoint.StartAsync(engine, folder, TestContext.Current.CancellationToken);
        for (var i = 0; i < 5; i++) await probe.SubmitAsync(OrderIntent.BuyYes(i % 2 == 0 ? TestWorld.A : TestWorld.B, Price.FromCents(20 + i), Quantity.FromContracts(5)));
        Assert.Equal(5, world.ExchangeOrders(OrderStatus.Resting).Count);

        var outcome = Assert.Single(await KillClient.KillAllAsync(folder, "test", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.True(outcome.Reached, outcome.Error);
        Assert.True(outcome.Response!.NoOrderRests);
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
        Assert.Equal("killed", (await world.RunOf(engine).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).How);
        TestContext.Current.SendDiagnosticMessage($"kill took {outcome.Response.ElapsedMs:F1} ms in the engine");
    }

    [Fact]
    public async Task TheKillFileStopsAnEngineWhoseEndpointIsUnreachable()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var folder = new EngineStateFolder(Testing.RepoFolder.NewTempFolder());
        var engine = await world.StartAsync([probe], TestWorld.Options() with { KillFilePath = folder.KillFilePath });
        await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(30), Quantity.FromContracts(5)));

        folder.WriteKillFile("fallback test");

        var result = await world.RunOf(engine).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal("killed", result.How);
        Assert.True(result.Kill!.NoOrderRests);
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
    }

    [Fact]
    public async Task TheEndpointRefusesARequestWithoutTheToken()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var folder = new EngineStateFolder(Testing.RepoFolder.NewTempFolder());
        var engine = await world.StartAsync([probe]);
        await using var control = await ControlEndpoint.StartAsync(engine, folder, TestContext.Current.CancellationToken);
        using var http = new HttpClient();

        var response = await http.PostAsync(control.Url + "/kill", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(engine.IsKilled);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(control.StateFile));
    }
}
