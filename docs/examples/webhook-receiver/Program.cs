// A minimal receiver for the hub's webhooks: verify, deduplicate, acknowledge fast, process in order.
//   WEBHOOK_SECRET=whsec_... dotnet run --urls http://127.0.0.1:5080
// Then register it:  ./hub webhooks add http://127.0.0.1:5080/webhooks --secret "$WEBHOOK_SECRET"
// (locally only; in production the URL must be https and publicly reachable).
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var secrets = (Environment.GetEnvironmentVariable("WEBHOOK_SECRET") ?? throw new InvalidOperationException("Set WEBHOOK_SECRET (whsec_...)."))
    .Split(' ', StringSplitOptions.RemoveEmptyEntries) // during a rotation you may hold both secrets
    .Select(s => Convert.FromBase64String(s.StartsWith("whsec_") ? s["whsec_".Length..] : s))
    .ToArray();
var seen = new ConcurrentDictionary<string, bool>();           // use a database table in production
var lastSequence = new ConcurrentDictionary<string, long>();   // per subject, e.g. member/m3f9a1c0b7e2d4a6f8c1b3e5d

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
var app = builder.Build();
app.MapPost("/webhooks", async (HttpRequest request) =>
{
    // 1. Read the raw body: the signature covers these exact bytes (never re-serialize before verifying).
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var body = buffer.ToArray();

    // 2. Verify the signature and the timestamp.
    string id = request.Headers["webhook-id"].ToString(), timestamp = request.Headers["webhook-timestamp"].ToString();
    if (!Verify(secrets, id, timestamp, request.Headers["webhook-signature"].ToString(), body))
        return Results.Unauthorized(); // the hub retries; a bad secret shows up in its delivery log

    // 3. Deduplicate by webhook-id (= the event id): retries and replays reuse it.
    if (!seen.TryAdd(id, true)) return Results.NoContent();

    // 4. Acknowledge quickly (the hub waits 15 s), then process; here inline because it is short.
    using var json = JsonDocument.Parse(body);
    var e = json.RootElement;
    var subject = e.GetProperty("subject").GetString()!;
    var sequence = e.GetProperty("sequence").GetInt64();
    var newer = lastSequence.AddOrUpdate(subject, sequence, (_, last) => Math.Max(last, sequence)) == sequence;
    Console.WriteLine($"{e.GetProperty("type").GetString()} {subject} #{sequence}{(newer ? "" : " (older than one already seen: do not overwrite newer state)")}");
    if (e.GetProperty("data").TryGetProperty("noticeUrl", out var link))
        Console.WriteLine($"  notice PDF (link valid 7 days): {link.GetString()![..Math.Min(60, link.GetString()!.Length)]}…");
    return Results.NoContent();
});
app.Run();

// Standard Webhooks: v1 = base64(HMAC-SHA256(secret, "{id}.{timestamp}.{body}")); the header may hold several
// space-separated signatures (one per active secret during a rotation); any match is enough.
static bool Verify(byte[][] secrets, string id, string timestamp, string signatureHeader, byte[] body)
{
    if (id.Length == 0 || !long.TryParse(timestamp, out var seconds)) return false;
    if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300) return false; // refuse replays older than 5 min
    var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
    foreach (var secret in secrets)
    {
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, signed)));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate))) return true;
    }
    return false;
}
