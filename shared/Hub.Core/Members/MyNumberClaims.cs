using Azure;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// Uniqueness of My Numbers across members: table <c>MyNumberIndex</c>, partition = keyed hash (HMAC-SHA256,
/// never the number), row <c>owner</c> = the member holding it. Claimed before the member change commits and
/// released after a change or deletion commits, so the index may briefly point at a member that does not (yet or
/// any more) hold the number; such a claim is honoured while fresh and taken over once stale.
/// </summary>
public sealed class MyNumberClaims(HubStorage storage)
{
    /// <summary>How long a claim by a member that does not hold the number is honoured (a registration in flight).</summary>
    public static readonly TimeSpan PendingClaimLifetime = TimeSpan.FromMinutes(5);

    private const string OwnerRow = "owner";
    private readonly TableClient _table = storage.Table(HubStorage.Tables.MyNumberIndex);

    /// <summary>Who holds a number (by keyed hash), or null.</summary>
    public async Task<string?> OwnerAsync(string hash, CancellationToken cancellationToken = default)
    {
        var entry = await _table.GetEntityIfExistsAsync<ClaimEntity>(hash, OwnerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entry.HasValue ? entry.Value!.MemberId : null;
    }

    /// <summary>
    /// Claims <paramref name="hash"/> for <paramref name="memberId"/>. Taken over from a holder that is no longer
    /// insured (e.g. a dependant who became an insured employee), or from a stale claim; refused while another
    /// member holds it and is insured.
    /// </summary>
    /// <param name="hash">The keyed hash.</param>
    /// <param name="memberId">The claiming member.</param>
    /// <param name="loadHolder">Reads the current holder (null if it does not exist).</param>
    /// <param name="today">Today in Japan.</param>
    /// <param name="now">Now (claim age).</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The claim outcome.</returns>
    public Task<ClaimOutcome> ClaimAsync(string hash, string memberId, Func<string, Task<Member?>> loadHolder, DateOnly today, DateTimeOffset now,
        CancellationToken cancellationToken = default) =>
        ConcurrencyRetry.RunAsync(async () =>
        {
            var read = await _table.GetEntityIfExistsAsync<ClaimEntity>(hash, OwnerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var mine = new ClaimEntity { PartitionKey = hash, RowKey = OwnerRow, MemberId = memberId, ClaimedAt = now };
            if (!read.HasValue)
            {
                await _table.AddEntityAsync(mine, cancellationToken).ConfigureAwait(false);
                return ClaimOutcome.Claimed();
            }

            var claim = read.Value!;
            if (claim.MemberId == memberId) return ClaimOutcome.Claimed();
            var holder = await loadHolder(claim.MemberId).ConfigureAwait(false);
            var holds = holder is not null && string.Equals(holder.MyNumberHash, hash, StringComparison.Ordinal);
            if (holds && holder!.IsInsuredOn(today)) return ClaimOutcome.HeldBy(claim.MemberId);
            if (!holds && now - claim.ClaimedAt < PendingClaimLifetime) return ClaimOutcome.HeldBy(claim.MemberId);
            await _table.UpdateEntityAsync(mine, claim.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return holds ? ClaimOutcome.TransferredFrom(claim.MemberId) : ClaimOutcome.Claimed();
        }, cancellationToken);

    /// <summary>Removes the entry if <paramref name="memberId"/> still holds it (after its number changed or was deleted).</summary>
    public async Task ReleaseAsync(string hash, string memberId, CancellationToken cancellationToken = default)
    {
        var read = await _table.GetEntityIfExistsAsync<ClaimEntity>(hash, OwnerRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!read.HasValue || read.Value!.MemberId != memberId) return;
        try
        {
            await _table.DeleteEntityAsync(hash, OwnerRow, read.Value.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestFailedException e) when (e.IsPreconditionFailed)
        {
            // Someone claimed it meanwhile: it is theirs now.
        }
    }

    private sealed class ClaimEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }
        public string MemberId { get; set; } = "";
        public DateTimeOffset ClaimedAt { get; set; }
    }
}

/// <summary>The outcome of a My Number claim.</summary>
/// <param name="Granted">Whether the claiming member now holds the number.</param>
/// <param name="OtherMemberId">The holder that refused it, or the former holder it was taken from.</param>
public sealed record ClaimOutcome(bool Granted, string? OtherMemberId)
{
    /// <summary>Granted.</summary>
    public static ClaimOutcome Claimed() => new(true, null);

    /// <summary>Granted, taken from a member no longer insured.</summary>
    public static ClaimOutcome TransferredFrom(string memberId) => new(true, memberId);

    /// <summary>Refused: another insured member holds it.</summary>
    public static ClaimOutcome HeldBy(string memberId) => new(false, memberId);
}
