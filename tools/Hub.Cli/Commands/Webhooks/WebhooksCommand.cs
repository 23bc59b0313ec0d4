using System.CommandLine;
using Hub.Cli.Cli;

namespace Hub.Cli.Commands.Webhooks;

/// <summary>
/// <c>./hub webhooks add|list|show|disable|enable|rotate-secret|replay|resend</c>: the insurer's webhook
/// endpoints and deliveries, in the storage the settings point at.
/// </summary>
public sealed class WebhooksCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build() => new("webhooks", "Manage insurer webhook endpoints and deliveries (Standard Webhooks).")
    {
        EndpointVerbs.Add(),
        ListVerb.Build(),
        DeliveryVerbs.Show(),
        EndpointVerbs.Disable(),
        EndpointVerbs.Enable(),
        EndpointVerbs.RotateSecret(),
        DeliveryVerbs.Replay(),
        DeliveryVerbs.Resend(),
    };
}
