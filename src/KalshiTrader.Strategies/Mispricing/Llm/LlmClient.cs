using System.Text.Json;
using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>One prompt to one model.</summary>
internal sealed record LlmRequest(string Model, string System, string User, long MaxTokens);

/// <summary>What came back: the text and the token usage the response reported (what the budget is charged).</summary>
internal sealed record LlmReply(string Text, long InputTokens, long OutputTokens, string Model);

/// <summary>A reply, or why there is none (an API or transport error, as a value).</summary>
internal sealed record LlmCallResult(LlmReply? Reply, string? Error)
{
    public static LlmCallResult Ok(LlmReply reply) => new(reply, null);
    public static LlmCallResult Fail(string error) => new(null, error);
}

/// <summary>The Messages API seam: the real client below, and nothing else (tests use the real one against a local server).</summary>
internal interface ILlmClient
{
    Task<LlmCallResult> CompleteAsync(LlmRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Anthropic's Messages API through the official SDK. The key is sent as <c>x-api-key</c>, the header the Messages
/// API documents (this SDK version would otherwise send it as a bearer token), and no credential is read from the
/// environment behind our back: the caller decides where the key comes from. Errors never carry the key.
/// </summary>
internal sealed class AnthropicMessagesClient : ILlmClient, IDisposable
{
    private readonly AnthropicClient _client;
    private readonly string _apiKey;

    public AnthropicMessagesClient(LlmSettings settings)
    {
        if (!settings.HasKey) throw new InvalidOperationException(LlmSettings.NoKeyMessage);
        _apiKey = settings.ApiKey!;
        _client = new AnthropicClient(new ClientOptions
        {
            BaseUrl = settings.BaseUrl.TrimEnd('/'),
            ApiKey = null,
            AuthToken = null,
            ExtraHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-api-key"] = _apiKey },
            MaxRetries = settings.MaxRetries,
            Timeout = settings.Timeout,
        });
    }

    public async Task<LlmCallResult> CompleteAsync(LlmRequest request, CancellationToken cancellationToken)
    {
        var parameters = new MessageCreateParams
        {
            Model = new ApiEnum<string, Model>(JsonSerializer.SerializeToElement(request.Model)),
            MaxTokens = request.MaxTokens,
            System = request.System,
            Messages = [new UserMessageParam(request.User)],
        };

        try
        {
            var message = await _client.Messages.Create(parameters, cancellationToken).ConfigureAwait(false);
            var text = string.Concat(message.Content.Select(c => c.TryPickText(out var t) ? t.Text : ""));
            return LlmCallResult.Ok(new LlmReply(text, message.Usage.InputTokens, message.Usage.OutputTokens, message.Model.Raw()));
        }
        catch (AnthropicApiException ex)
        {
            return LlmCallResult.Fail(Redact($"Messages API answered {(int)ex.StatusCode}: {ex.ResponseBody}"));
        }
        catch (AnthropicException ex)
        {
            return LlmCallResult.Fail(Redact($"Messages API call failed: {ex.Message}"));
        }
        catch (HttpRequestException ex)
        {
            return LlmCallResult.Fail(Redact($"Messages API unreachable: {ex.Message}"));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return LlmCallResult.Fail(Redact($"Messages API timed out: {ex.Message}"));
        }
    }

    public void Dispose() => _client.Dispose();

    // Defensive: an error body that echoes the request must not carry the key onward.
    private string Redact(string text) => text.Replace(_apiKey, "[REDACTED]", StringComparison.Ordinal);
}
