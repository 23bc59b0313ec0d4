using System.Text.Json;

namespace Hub.LocalHost.Protocol;

/// <summary>
/// The handler's answer, read as the host reads it: a non-2xx status or a 2xx body that is not
/// <c>{"Outputs":…,"Logs":…,"ReturnValue":…}</c> fails the invocation.
/// </summary>
public sealed record InvocationOutcome(bool Succeeded, string? Error, IReadOnlyDictionary<string, JsonElement> Outputs, IReadOnlyList<string> Logs)
{
    /// <summary>A failed invocation.</summary>
    public static InvocationOutcome Failed(string error) => new(false, error, new Dictionary<string, JsonElement>(), []);

    /// <summary>Reads a handler response.</summary>
    public static async Task<InvocationOutcome> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            return Failed($"Response status code does not indicate success: {(int)response.StatusCode} ({response.ReasonPhrase}). {Truncate(body)}");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Failed($"Invalid HttpResponseMessage: Content-Type '{mediaType}' is not JSON (the host cannot read it).");
        if (string.IsNullOrWhiteSpace(body) || body.Trim() == "null")
            return Failed("Empty or null response body: in Azure the invocation would hang until functionTimeout and the handler would be restarted.");
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return Failed("Invalid HttpResponseMessage: the body is not a JSON object. " + Truncate(body));
            var outputs = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            var logs = new List<string>();
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                // Newtonsoft's ReadAsAsync matches property names case-insensitively.
                if (property.Name.Equals("Outputs", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
                    foreach (var output in property.Value.EnumerateObject()) outputs[output.Name] = output.Value.Clone();
                else if (property.Name.Equals("Logs", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
                    logs.AddRange(property.Value.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetRawText()));
            }
            return new InvocationOutcome(true, null, outputs, logs);
        }
        catch (JsonException e)
        {
            return Failed($"Invalid HttpResponseMessage: {e.Message} {Truncate(body)}");
        }
    }

    private static string Truncate(string body) => body.Length <= 500 ? body : body[..500] + "…";
}
