using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Trading.Control;

/// <summary>What a running engine publishes so <c>kalshi-trader kill</c> can find it: where its control endpoint listens and the token it wants.</summary>
public sealed record EngineStateRecord
{
    public required int Pid { get; init; }
    public required string Url { get; init; }
    public required string Token { get; init; }
    public required string RunId { get; init; }
    public required string Mode { get; init; }
    public required DateTimeOffset StartedTime { get; init; }
}

/// <summary>
/// The well-known folder (KALSHI_TRADER_HOME, else ~/.kalshi-trader/run) holding one state file per running engine
/// (engine-PID.json, mode 0600: it carries the control token) and the KILL file fallback.
/// </summary>
public sealed class EngineStateFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string KillFilePath => System.IO.Path.Combine(Path, "KILL");

    public static EngineStateFolder Default(string? configured = null)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return new EngineStateFolder(configured);
        var home = Environment.GetEnvironmentVariable("KALSHI_TRADER_HOME");
        if (string.IsNullOrWhiteSpace(home)) home = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kalshi-trader");
        return new EngineStateFolder(System.IO.Path.Combine(home, "run"));
    }

    public string Write(EngineStateRecord record)
    {
        Directory.CreateDirectory(Path);
        var file = System.IO.Path.Combine(Path, $"engine-{record.Pid}.json");
        var tmp = file + ".tmp";
        using (var stream = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            JsonSerializer.Serialize(stream, record, StateJson.Default.EngineStateRecord);
        }

        File.Move(tmp, file, overwrite: true);
        return file;
    }

    /// <summary>State files of engines whose process is still alive; files of dead processes are removed.</summary>
    public IReadOnlyList<EngineStateRecord> ReadLive()
    {
        var result = new List<EngineStateRecord>();
        if (!Directory.Exists(Path)) return result;
        foreach (var file in Directory.GetFiles(Path, "engine-*.json"))
        {
            EngineStateRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(File.ReadAllText(file), StateJson.Default.EngineStateRecord);
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                continue;
            }

            if (record is null) continue;
            if (!IsAlive(record.Pid))
            {
                TryDelete(file);
                continue;
            }

            result.Add(record);
        }

        return result;
    }

    public void Remove(int pid) => TryDelete(System.IO.Path.Combine(Path, $"engine-{pid}.json"));

    /// <summary>Creates (or touches) the kill file every engine watches.</summary>
    public void WriteKillFile(string reason)
    {
        Directory.CreateDirectory(Path);
        File.WriteAllText(KillFilePath, $"{DateTimeOffset.UtcNow:O} {reason}\n");
        File.SetLastWriteTimeUtc(KillFilePath, DateTime.UtcNow);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EngineStateRecord))]
[JsonSerializable(typeof(Engine.EngineStatus))]
[JsonSerializable(typeof(KillResponse))]
internal sealed partial class StateJson : JsonSerializerContext;

/// <summary>The control endpoint's answer to POST /kill.</summary>
public sealed record KillResponse(string RunId, bool NoOrderRests, int RestingAfter, double ElapsedMs, string? Error);
