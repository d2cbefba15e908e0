using KalshiTrader.Cli.Demo;

namespace KalshiTrader.Cli.Tests.Demo;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1500ms", 1_500)]
    [InlineData("45", 45_000)]
    [InlineData(" 1H ", 3_600_000)]
    public void ReadsSecondsMinutesAndCombinations(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("2x")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("25h")]
    public void RejectsWhatIsNotAPositiveDurationAndSaysSo(string text)
    {
        Assert.False(DurationText.TryParse(text, out _, out var error));
        Assert.StartsWith("duration:", error);
    }
}
