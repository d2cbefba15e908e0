using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using KalshiTrader.Kalshi.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KalshiTrader.Kalshi.Tests.Support;

/// <summary>
/// A Kestrel WebSocket server on 127.0.0.1 (port 0) that a test scripts frame by frame: it hands each accepted
/// connection to the test, which reads the client's commands and sends whatever it wants back. With a public key
/// it checks Kalshi's upgrade signature and answers 401 to a bad one.
/// </summary>
internal sealed class WsScriptedServer : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly WebApplication _app;
    private readonly Channel<WsServerConnection> _connections = Channel.CreateUnbounded<WsServerConnection>();

    private WsScriptedServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Rejected { get; private set; }

    public static async Task<WsScriptedServer> StartAsync(RSA? publicKey = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new WsScriptedServer(app);
        app.UseWebSockets();
        app.Map("/trade-api/ws/v2", async (HttpContext ctx) =>
        {
            if (!ctx.WebSockets.IsWebSocketRequest)
            {
                ctx.Response.StatusCode = 400;
                return;
            }

            var headers = ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            if (publicKey is not null && !SignatureValid(publicKey, headers, ctx.Request.Path))
            {
                server.Rejected++;
                ctx.Response.StatusCode = 401;
                return;
            }

            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            var connection = new WsServerConnection(socket, headers);
            await server._connections.Writer.WriteAsync(connection);
            await connection.RunAsync(ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/trade-api/ws/v2");
        return server;
    }

    private static bool SignatureValid(RSA key, Dictionary<string, string> headers, string path) =>
        headers.TryGetValue(KalshiSigner.TimestampHeader, out var ts)
        && headers.TryGetValue(KalshiSigner.SignatureHeader, out var sig)
        && headers.ContainsKey(KalshiSigner.KeyHeader)
        && long.TryParse(ts, out var ms)
        && KalshiSigner.Verify(key, ms, "GET", path, sig);

    /// <summary>The next connection the client makes.</summary>
    public async Task<WsServerConnection> NextConnectionAsync()
    {
        using var cts = new CancellationTokenSource(Wait);
        return await _connections.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>One accepted client connection, driven by the test.</summary>
internal sealed class WsServerConnection
{
    private readonly System.Net.WebSockets.WebSocket _socket;
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _send = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();

    public WsServerConnection(System.Net.WebSockets.WebSocket socket, IReadOnlyDictionary<string, string> headers)
    {
        _socket = socket;
        Headers = headers;
    }

    public IReadOnlyDictionary<string, string> Headers { get; }

    internal async Task RunAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _abort.Token);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer.AsMemory(count), linked.Token);
                    count += r.Count;
                }
                while (!r.EndOfMessage);

                if (r.MessageType == WebSocketMessageType.Close) break;
                await _received.Writer.WriteAsync(Encoding.UTF8.GetString(buffer, 0, count), linked.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
            _closed.TrySetResult();
        }
    }

    /// <summary>The next command the client sent, as parsed JSON.</summary>
    public async Task<System.Text.Json.JsonElement> ReceiveAsync()
    {
        using var cts = new CancellationTokenSource(WsScriptedServer.Wait);
        var text = await _received.Reader.ReadAsync(cts.Token);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Reads commands until one with <paramref name="cmd"/> arrives.</summary>
    public async Task<System.Text.Json.JsonElement> ReceiveCommandAsync(string cmd)
    {
        while (true)
        {
            var c = await ReceiveAsync();
            if (c.GetProperty("cmd").GetString() == cmd) return c;
        }
    }

    /// <summary>Answers the next subscribe with <c>subscribed</c> and returns the command.</summary>
    public async Task<System.Text.Json.JsonElement> AcceptSubscribeAsync(long sid)
    {
        var c = await ReceiveCommandAsync("subscribe");
        var channel = c.GetProperty("params").GetProperty("channels")[0].GetString();
        await SendAsync($$$"""{"type":"subscribed","id":{{{c.GetProperty("id").GetInt64()}}},"msg":{"channel":"{{{channel}}}","sid":{{{sid}}}}}""");
        return c;
    }

    public async Task SendAsync(string json)
    {
        await _send.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _send.Release();
        }
    }

    /// <summary>Drops the connection without a close handshake, as a network failure would.</summary>
    public async Task DropAsync()
    {
        _socket.Abort();
        await _abort.CancelAsync();
        await _closed.Task.WaitAsync(WsScriptedServer.Wait);
    }
}
