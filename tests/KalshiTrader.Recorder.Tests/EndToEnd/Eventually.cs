namespace KalshiTrader.Recorder.Tests.EndToEnd;

/// <summary>Waits for something asynchronous (a flush, a trade on the feed) with a generous deadline, then fails saying what.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out after {seconds} s waiting for {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
