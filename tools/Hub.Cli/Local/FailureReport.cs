using System.Text.Json.Nodes;
using Hub.LocalHost.Triggers;
using Hub.Storage.Queues;

namespace Hub.Cli.Local;

/// <summary>Reads where failed work ended up: dead-letter queues (with reasons) and the blob-trigger poison queue.</summary>
internal static class FailureReport
{
    public static async Task<JsonObject> ReadAsync(RunContext context, CancellationToken ct)
    {
        var queues = context.Azurite.DefaultAccount.CreateQueueServiceClient();
        var deadLetters = new JsonObject();
        var poison = new JsonArray();
        await foreach (var item in queues.GetQueuesAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            var isDeadLetter = item.Name.EndsWith(LocalServiceBus.DeadLetterSuffix, StringComparison.Ordinal);
            var isPoison = item.Name == "webjobs-blobtrigger-poison";
            if (!isDeadLetter && !isPoison) continue;
            var client = queues.GetQueueClient(item.Name);
            var peeked = (await client.PeekMessagesAsync(32, ct).ConfigureAwait(false)).Value;
            if (peeked.Length == 0) continue;
            if (isPoison)
            {
                foreach (var m in peeked) poison.Add(JsonNode.Parse(m.MessageText));
                continue;
            }
            var entries = new JsonArray();
            foreach (var m in peeked)
            {
                var message = LocalServiceBus.Parse(new QueueMessage(m.MessageId, "", m.Body, m.DequeueCount, m.InsertedOn, m.ExpiresOn, null));
                entries.Add(new JsonObject { ["reason"] = message.DeadLetterReason, ["description"] = message.DeadLetterErrorDescription });
            }
            deadLetters[item.Name] = new JsonObject { ["count"] = (await client.GetPropertiesAsync(ct).ConfigureAwait(false)).Value.ApproximateMessagesCount, ["first"] = entries };
        }
        return new JsonObject { ["deadLetters"] = deadLetters, ["poisonBlobs"] = poison };
    }
}
