using System.Text.Json;
using Hub.Core;
using Hub.Core.Configuration;
using Hub.Core.Reminders;
using Hub.LocalHost.Triggers;
using Hub.Storage;

namespace Hub.Cli.Commands.Reminders;

/// <summary>
/// Sends a sweep's outputs where the timers' output bindings would: locally (Hub__Environment=Local) the emulated Service
/// Bus queues <c>webhook-delivery</c> and <c>certificate-issuance</c> in the <c>ServiceBusConnection</c> storage account.
/// </summary>
internal sealed class ReminderOutputSender(LocalServiceBus bus)
{
    // As the output bindings write message bodies (camelCase JSON).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A sender for local runs; null when the settings point at Azure (the CLI has no Service Bus client).</summary>
    public static ReminderOutputSender? For(HubServices services) =>
        services.Environment == HubEnvironment.Local
            ? new ReminderOutputSender(new LocalServiceBus(StorageConnection.FromSettings("ServiceBusConnection", services.Settings.Reader)))
            : null;

    public async Task SendAsync(ReminderSweepResult result, CancellationToken ct)
    {
        foreach (var dispatch in result.Dispatches)
            await bus.SendAsync("webhook-delivery", JsonSerializer.SerializeToUtf8Bytes(dispatch, Json), ct).ConfigureAwait(false);
        foreach (var request in result.CertificateRequests)
            await bus.SendAsync("certificate-issuance", JsonSerializer.SerializeToUtf8Bytes(request, Json), ct).ConfigureAwait(false);
    }
}
