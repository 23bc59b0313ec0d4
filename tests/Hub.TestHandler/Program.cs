using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

// Listens where the host says, answers GET / (readiness), and for POST /{function}:
//  1. appends {headers, body} to $TESTHANDLER_RECORD_DIR/{function}.jsonl (raw, as received);
//  2. acts per {appRoot}/{function}/behavior.json, re-read on every call:
//     {"mode":"ok"|"fail"|"crash-once"|"crash"|"bad-json", "delayMs":0, "response": {...}}
var port = int.Parse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") ?? "7073");
var appRoot = Environment.GetEnvironmentVariable("FUNCTIONS_APP_ROOT_PATH") ?? Directory.GetCurrentDirectory();
var recordDir = Environment.GetEnvironmentVariable("TESTHANDLER_RECORD_DIR") ?? Path.Combine(appRoot, "records");
Directory.CreateDirectory(recordDir);

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(IPAddress.Loopback, port);
    k.Limits.MaxRequestBodySize = null;
});
var app = builder.Build();
var gate = new Lock();

app.MapGet("/", () => "ready");
app.MapPost("/{function}", async (HttpContext context, string function) =>
{
    using var reader = new StreamReader(context.Request.Body);
    var body = await reader.ReadToEndAsync();
    var record = new JsonObject
    {
        ["path"] = context.Request.Path.Value,
        ["method"] = context.Request.Method,
        ["headers"] = new JsonObject(context.Request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value.ToString())))),
        ["body"] = body,
        ["env"] = new JsonObject
        {
            ["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_WORKER_ID"),
            ["FUNCTIONS_APP_ROOT_PATH"] = Environment.GetEnvironmentVariable("FUNCTIONS_APP_ROOT_PATH"),
            ["TEST_SETTING"] = Environment.GetEnvironmentVariable("TEST_SETTING"),
        },
    };
    lock (gate) File.AppendAllText(Path.Combine(recordDir, function + ".jsonl"), record.ToJsonString() + "\n");

    var behaviorFile = Path.Combine(appRoot, function, "behavior.json");
    var behavior = File.Exists(behaviorFile) ? JsonNode.Parse(File.ReadAllText(behaviorFile))!.AsObject() : new JsonObject();
    var mode = behavior["mode"]?.GetValue<string>() ?? "ok";
    if (behavior["delayMs"]?.GetValue<int>() is int delay and > 0) await Task.Delay(delay);
    switch (mode)
    {
        case "fail":
            return Results.Json(new { error = "failing on purpose" }, statusCode: 500);
        case "bad-json":
            return Results.Text("this is not json", "application/json", statusCode: 200);
        case "crash":
            Environment.Exit(3);
            break;
        case "crash-once":
            var marker = Path.Combine(recordDir, function + ".crashed");
            if (!File.Exists(marker))
            {
                File.WriteAllText(marker, "");
                Environment.Exit(3);
            }
            break;
    }
    var response = behavior["response"]?.DeepClone() ?? new JsonObject { ["Outputs"] = new JsonObject(), ["Logs"] = new JsonArray(), ["ReturnValue"] = null };
    return Results.Text(response.ToJsonString(), "application/json");
});
app.Run();
