using System.Text;
using Hub.Cli.Commands.Ops;
using Hub.Core.Configuration;
using Hub.LocalHost.Triggers;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary><c>./hub deadletter list|replay</c> against a real Azurite, with dead letters made the way the local host makes them.</summary>
public class DeadLetterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Queue = "member-registration";

    private Hub.Storage.StorageConnection? _account;

    private async Task<(DeadLetterQueues Queues, LocalServiceBus Bus, List<LocalServiceBusMessage> Dead)> ArrangeAsync(int count)
    {
        var account = _account = azurite.Azurite.LeaseAccount();
        var bus = new LocalServiceBus(account);
        var dead = new List<LocalServiceBusMessage>();
        for (var i = 0; i < count; i++)
        {
            // What the local host dead-letters after the 10th failed delivery (the message left the main queue).
            var sent = new LocalServiceBusMessage
            {
                MessageId = Guid.NewGuid().ToString("N"),
                SequenceNumber = i + 1,
                EnqueuedTimeUtc = DateTime.UtcNow.AddMinutes(-5),
                ExpiresAtUtc = DateTime.MaxValue,
                Body = Encoding.UTF8.GetBytes($$"""{"memberRef":"m-{{i}}"}"""),
            };
            await bus.DeadLetterAsync(Queue, sent, "MaxDeliveryCountExceeded", "Message could not be consumed after 10 delivery attempts.", CancellationToken.None);
            dead.Add(sent);
        }
        return (new DeadLetterQueues(account), bus, dead);
    }

    [Fact]
    public async Task List_shows_ids_times_and_reasons_without_bodies()
    {
        var (queues, _, dead) = await ArrangeAsync(3);
        var (messages, count) = await queues.ListAsync(Queue);
        Assert.Equal(3, count);
        Assert.Equal(dead.Select(d => d.MessageId), messages.Select(m => m.MessageId));
        Assert.All(messages, m =>
        {
            Assert.Equal("MaxDeliveryCountExceeded", m.Reason);
            Assert.NotNull(m.DeadLetteredAtUtc);
            Assert.Equal("""{"memberRef":"m-0"}""".Length, m.BodyBytes);
        });
        Assert.DoesNotContain(typeof(DeadLetter).GetProperties(), p => p.Name.Contains("Body", StringComparison.Ordinal) && p.PropertyType != typeof(int));
        Assert.Equal(0, (await queues.ListAsync("certificate-issuance")).ApproximateCount);
        // Looking must not create anything.
        Assert.False((await _account!.CreateQueueServiceClient().GetQueueClient("certificate-issuance-deadletter").ExistsAsync()).Value);
    }

    [Fact]
    public async Task Replay_of_chosen_ids_requeues_their_bodies_as_new_messages_and_leaves_the_rest_visible()
    {
        var (queues, bus, dead) = await ArrangeAsync(3);
        var result = await queues.ReplayAsync(Queue, new HashSet<string> { dead[1].MessageId });

        var (deadId, newId) = Assert.Single(result.Replayed);
        Assert.Equal(dead[1].MessageId, deadId);
        Assert.NotEqual(deadId, newId); // a resend gets a new broker id, as Service Bus Explorer's does
        Assert.Equal(2, result.Left);

        var main = await bus.QueueAsync(Queue, CancellationToken.None);
        var requeued = (await main.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value.Select(m => LocalServiceBus.Parse(m)).ToList();
        var replayed = Assert.Single(requeued);
        Assert.Equal(newId, replayed.MessageId);
        Assert.Equal(dead[1].Body, replayed.Body);

        // The two not chosen are still there and visible at once (not hidden until a timeout).
        var (left, _) = await queues.ListAsync(Queue);
        Assert.Equal([dead[0].MessageId, dead[2].MessageId], left.Select(m => m.MessageId));
    }

    [Fact]
    public async Task Replay_all_respects_max_and_a_second_replay_empties_the_queue()
    {
        var (queues, bus, dead) = await ArrangeAsync(3);
        var first = await queues.ReplayAsync(Queue, max: 2);
        Assert.Equal(2, first.Replayed.Count);
        Assert.Equal(1, first.Left);
        var second = await queues.ReplayAsync(Queue);
        Assert.Single(second.Replayed);
        Assert.Equal(0, second.Left);
        Assert.Equal(dead.Select(d => d.MessageId).Order(StringComparer.Ordinal),
            first.Replayed.Concat(second.Replayed).Select(r => r.DeadLetterId).Order(StringComparer.Ordinal));
        var main = await bus.QueueAsync(Queue, CancellationToken.None);
        Assert.Equal(3, (await main.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public void Queue_names_come_from_function_json()
    {
        Assert.Equal(CodeInventory.ServiceBusQueues.Order(StringComparer.Ordinal), DeadLetterCommand.KnownQueues(RepoPaths.Root).Order(StringComparer.Ordinal));
        Assert.Equal("member-registration-deadletter", DeadLetterQueues.DeadLetterQueueName(Queue));
    }

    [Fact]
    public void Settings_decide_between_the_emulator_and_Azure()
    {
        Settings Of(params (string, string)[] values) => Settings.FromDictionary(values.ToDictionary(v => v.Item1, v => v.Item2));
        Assert.NotNull(DeadLetterCommand.EmulatedServiceBus(Of(("ServiceBusConnection", "UseDevelopmentStorage=true"))));
        Assert.Null(DeadLetterCommand.EmulatedServiceBus(Of(("ServiceBusConnection__fullyQualifiedNamespace", "sb-x.servicebus.windows.net"))));
        Assert.Null(DeadLetterCommand.EmulatedServiceBus(Of(("ServiceBusConnection", "Endpoint=sb://sb-x.servicebus.windows.net/;Authentication=Managed Identity"))));
        Assert.Throws<HubConfigurationException>(() => DeadLetterCommand.EmulatedServiceBus(Of()));
    }

    [Theory]
    [InlineData("list", "no-such-queue")]
    [InlineData("replay", "no-such-queue")]
    public async Task An_unknown_queue_is_refused_before_touching_storage(string verb, string queue)
    {
        var command = new DeadLetterCommand().Build();
        Assert.Equal(2, await command.Parse([verb, queue]).InvokeAsync());
    }
}
