using System.Text.Json.Nodes;
using Hub.Cli.Cli;
using Hub.Core.Configuration;
using Hub.Core.Time;
using Hub.Webhooks;
using Hub.Webhooks.Delivery;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Signing;

namespace Hub.Cli.Local;

/// <summary>
/// The webhook part of <c>./hub demo</c> and <c>./hub run</c>: a local receiver that verifies every signature
/// with the demo secret (<c>Hub__Webhooks__DemoSecret</c>) and writes what it got to <c>out/webhooks.jsonl</c>;
/// registered as an endpoint for every event before the upload; the run waits while deliveries are due.
/// </summary>
public sealed class WebhookReceiverParticipant : IRunParticipant
{
    /// <summary>The file in the output folder.</summary>
    public const string FileName = "webhooks.jsonl";

    private WebhookReceiver? _receiver;
    private WebhookServices? _webhooks;
    private string? _endpointId;

    /// <inheritdoc />
    public Task BeforeHostStartAsync(RunContext context, CancellationToken cancellationToken)
    {
        // A developer's own local.settings.json may predate webhooks: run without the receiver rather than fail the run.
        var missing = new[] { "Hub__Webhooks__DemoSecret", "Hub__Webhooks__SecretKeys" }.Where(k => !context.Settings.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            CliOutput.Warn($"no local webhook receiver: {string.Join(" and ", missing)} missing from local.settings.json (see local.settings.sample.json)");
            return Task.CompletedTask;
        }
        var clock = HubClock.FromSettings(Settings.FromDictionary(context.Settings));
        _receiver = WebhookReceiver.Start(WebhookSecret.Parse(context.Settings["Hub__Webhooks__DemoSecret"]), clock.GetUtcNow, Path.Combine(context.OutDir, FileName));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task BeforeUploadAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (_receiver is null) return;
        _webhooks = WebhookServices.Create(context.Services);
        var secret = WebhookSecret.Parse(context.Settings["Hub__Webhooks__DemoSecret"]);
        var (endpoint, _) = await _webhooks.Endpoints.AddAsync(_receiver!.Url, EventTypeFilter.All, "local receiver (./hub demo, ./hub run)", secret, cancellationToken)
            .ConfigureAwait(false);
        _endpointId = endpoint.Id;
        CliOutput.Progress($"webhook receiver on {_receiver.Url} (endpoint {endpoint.Id}, every event type)");
    }

    /// <inheritdoc />
    public async Task<bool> IsIdleAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (_webhooks is null) return true;
        // Busy while an attempt runs or one is due within a minute; a retry hours away does not hold the run.
        var soon = _webhooks.Hub.Clock.GetUtcNow().AddMinutes(1);
        await foreach (var d in _webhooks.Deliveries.QueryAsync(_endpointId, DeliveryStatus.Pending, cancellationToken: cancellationToken).ConfigureAwait(false))
            if (d.ClaimedUntil > _webhooks.Hub.Clock.GetUtcNow() || d.NextAttemptAt <= soon) return false;
        return true;
    }

    /// <inheritdoc />
    public async Task<(string Name, JsonNode Value)?> CompleteAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (_webhooks is null || _receiver is null) return null;
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(s => s, _ => 0);
        await foreach (var d in _webhooks.Deliveries.QueryAsync(_endpointId, cancellationToken: cancellationToken).ConfigureAwait(false)) counts[d.Status]++;
        var headline = $"{counts[DeliveryStatus.Delivered]} delivered, {counts[DeliveryStatus.Failed]} failed"
                       + (counts[DeliveryStatus.Pending] > 0 ? $", {counts[DeliveryStatus.Pending]} pending" : "")
                       + (_receiver.Verified < _receiver.Received ? $", {_receiver.Received - _receiver.Verified} NOT verified" : "");
        return ("webhooks", new JsonObject
        {
            ["headline"] = headline,
            ["endpoint"] = _endpointId,
            ["url"] = _receiver.Url,
            ["delivered"] = counts[DeliveryStatus.Delivered],
            ["failed"] = counts[DeliveryStatus.Failed],
            ["pending"] = counts[DeliveryStatus.Pending],
            ["skipped"] = counts[DeliveryStatus.Skipped],
            ["received"] = _receiver.Received,
            ["verified"] = _receiver.Verified,
            ["file"] = FileName,
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null) await _receiver.DisposeAsync().ConfigureAwait(false);
        _webhooks?.Dispose();
    }
}
