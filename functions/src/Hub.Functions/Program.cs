using System.Net;
using Hub.Functions.Hosting;

// The custom handler: the Functions host starts this process with FUNCTIONS_CUSTOMHANDLER_PORT, waits
// for any answer on GET /, then POSTs each invocation to /{FunctionName}.
var builder = WebApplication.CreateSlimBuilder(args);
var port = int.TryParse(Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT"), out var p) ? p : 7072;
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, port);
    // The host sends trigger payloads inline (a blob trigger's whole content): no body size cap here.
    kestrel.Limits.MaxRequestBodySize = null;
});
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o =>
{
    o.SingleLine = true;
    o.TimestampFormat = "HH:mm:ss.fff ";
    o.IncludeScopes = false;
});
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

builder.Services.AddSingleton(AppRoot.Resolve());
builder.Services.AddHubFunctions();
builder.Services.AddSingleton<FunctionEndpoint>();

var app = builder.Build();
var endpoint = app.Services.GetRequiredService<FunctionEndpoint>();
app.MapGet("/", () => Results.Json(new { status = "ready", functions = endpoint.Names }));
app.MapPost("/{functionName}", (HttpContext context, string functionName) => endpoint.HandleAsync(context, functionName));
app.Run();

/// <summary>Entry point (public for the test host).</summary>
public partial class Program;
