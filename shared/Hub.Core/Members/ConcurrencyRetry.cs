using Hub.Storage;

namespace Hub.Core.Members;

/// <summary>
/// Optimistic concurrency: a read-modify-write that lost a race (412 on an ETag, 409 on a create-only entity)
/// is re-run from a fresh read, with a short jittered pause, a bounded number of times. Giving up throws, so the
/// message is redelivered by Service Bus.
/// </summary>
internal static class ConcurrencyRetry
{
    public const int MaxAttempts = 16;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (StorageRequestFailedException e) when (IsRace(e) && i < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(5, 20 + 10 * i), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static bool IsRace(StorageRequestFailedException e) => e.IsPreconditionFailed || e.IsConflict;
}
