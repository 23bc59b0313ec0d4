using System.Text.Json;
using Hub.LocalHost.Config;
using Hub.LocalHost.Protocol;
using Hub.LocalHost.Triggers;
using Hub.Storage;
using Hub.Storage.Blobs;

namespace Hub.LocalHost;

/// <summary>Writes a successful invocation's outputs to their bindings: serviceBus, queue and blob.</summary>
internal sealed class OutputWriter(FunctionsHostContext context)
{
    public async Task WriteAsync(FunctionDescriptor function, InvocationOutcome outcome, IReadOnlyDictionary<string, string> bindingData, CancellationToken ct)
    {
        foreach (var binding in function.Outputs)
        {
            if (!outcome.Outputs.TryGetValue(binding.Name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            var payloads = OutputValue.ToPayloads(binding, value);
            switch (binding.Type)
            {
                case "serviceBus":
                    var bus = context.ServiceBus(binding["connection"]);
                    var queueName = context.Settings.Expand(binding["queueName"] ?? binding["topicName"]
                        ?? throw new InvalidOperationException($"{function.Name}/{binding.Name}: serviceBus output needs queueName."), function.Name);
                    foreach (var payload in payloads) await bus.SendAsync(queueName, payload, ct).ConfigureAwait(false);
                    break;
                case "queue":
                    var queue = context.Storage(binding["connection"]).CreateQueueServiceClient()
                        .GetQueueClient(context.Settings.Expand(binding["queueName"]!, function.Name));
                    await queue.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
                    foreach (var payload in payloads) await queue.SendMessageAsync(BinaryData.FromBytes(payload), cancellationToken: ct).ConfigureAwait(false);
                    break;
                case "blob":
                    var path = BindingPath.Resolve(context.Settings.Expand(binding["path"]!, function.Name), bindingData);
                    var slash = path.IndexOf('/');
                    var container = context.Storage(binding["connection"]).CreateBlobServiceClient().GetBlobContainerClient(path[..slash]);
                    await container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
                    await container.GetBlobClient(path[(slash + 1)..]).UploadAsync(BinaryData.FromBytes(payloads[0]), overwrite: true, cancellationToken: ct).ConfigureAwait(false);
                    break;
                default:
                    throw new NotSupportedException($"{function.Name}/{binding.Name}: the local host does not support '{binding.Type}' outputs.");
            }
        }
    }
}
