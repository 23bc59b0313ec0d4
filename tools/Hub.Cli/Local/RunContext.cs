using Hub.Core;
using Hub.LocalHost;
using Hub.LocalHost.Azurite;

namespace Hub.Cli.Local;

/// <summary>Everything about one local run (<c>./hub demo</c> or <c>./hub run</c>) that participants may use.</summary>
public sealed class RunContext
{
    /// <summary>The repository root.</summary>
    public required string RepoRoot { get; init; }

    /// <summary>The output folder (results/, notices/, certificates/, webhooks.jsonl, logs/, summary.json).</summary>
    public required string OutDir { get; init; }

    /// <summary>The employer code the file is uploaded for.</summary>
    public required string EmployerCode { get; init; }

    /// <summary>The Azurite of this run.</summary>
    public required AzuriteProcess Azurite { get; init; }

    /// <summary>App settings of this run; participants may add to them before the host starts.</summary>
    public required Dictionary<string, string> Settings { get; init; }

    /// <summary>Core services over the run's settings (set once settings are final).</summary>
    public HubServices Services { get; set; } = null!;

    /// <summary>The running host (set once started).</summary>
    public FunctionsHost Host { get; set; } = null!;

    /// <summary>The simulated Japan date, if any.</summary>
    public DateOnly? AsOf { get; init; }
}

/// <summary>
/// A feature's part in a local run (e.g. the webhook receiver writing out/webhooks.jsonl). Found by
/// reflection; each step is optional.
/// </summary>
public interface IRunParticipant : IAsyncDisposable
{
    /// <summary>Before the host starts: add settings, start local servers.</summary>
    Task BeforeHostStartAsync(RunContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After the services exist and storage is created, before the upload (register endpoints…).</summary>
    Task BeforeUploadAsync(RunContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether the participant still has work in flight (the run waits for it).</summary>
    Task<bool> IsIdleAsync(RunContext context, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>After the run is idle: write its outputs and return a section for summary.json (or null).</summary>
    Task<(string Name, System.Text.Json.Nodes.JsonNode Value)?> CompleteAsync(RunContext context, CancellationToken cancellationToken) =>
        Task.FromResult<(string, System.Text.Json.Nodes.JsonNode)?>(null);
}
