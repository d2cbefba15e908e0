using KalshiTrader.Kalshi.Auth;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>How <see cref="KalshiWebSocketClient"/> connects and recovers.</summary>
public sealed class KalshiWebSocketOptions
{
    /// <summary>Path Kalshi signs the upgrade over.</summary>
    public const string SignedPath = "/trade-api/ws/v2";

    /// <summary>The WebSocket endpoint, e.g. <c>wss://external-api-ws.kalshi.com/trade-api/ws/v2</c> or a local exchange.</summary>
    public required Uri Url { get; init; }

    /// <summary>Signs the upgrade (re-signed on every reconnect). Kalshi requires it even for public channels; null only for local servers that allow it.</summary>
    public KalshiSigner? Signer { get; init; }

    /// <summary>Ask for NO-side book levels in YES prices (<c>use_yes_price</c>); they are converted back, so books look the same either way.</summary>
    public bool UseYesPrice { get; init; }

    /// <summary>How long a command waits for its reply.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A followed book that has been silent this long gets a fresh snapshot (<c>get_snapshot</c>), which re-confirms it
    /// to the consumer; null turns this off. Consumers should allow a stale limit somewhat above this.
    /// </summary>
    public TimeSpan? QuietSnapshotAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Capacity of the event channel; a full channel slows the socket reader (Kalshi then reports error 25 and we resync).</summary>
    public int EventCapacity { get; init; } = 1 << 16;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Receives log lines (frames truncated; never a key or a signature).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>How much of a bad frame goes into logs and <c>FeedErrorEvent</c>.</summary>
    public int MaxRawChars { get; init; } = 300;
}
