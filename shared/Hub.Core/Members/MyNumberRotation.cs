using Hub.Core.Auditing;
using Hub.Core.Security;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// Key rotation for stored My Numbers: re-encrypts every member ciphertext that is not under the active key
/// (<c>Hub__MyNumber__ActiveKey</c>), each decryption recorded in the access log. Run after adding a new key and
/// making it active; once it reports nothing left, the old key can be removed from <c>Hub__MyNumber__Keys</c>.
/// </summary>
public sealed class MyNumberRotation
{
    private readonly MemberPipeline _p;

    internal MyNumberRotation(MemberPipeline pipeline) => _p = pipeline;

    /// <summary>Re-encrypts members not on the active key; returns how many were re-encrypted and how many were already current.</summary>
    /// <param name="actor">Who runs it (recorded with each decryption), e.g. <c>cli:{user}</c>.</param>
    /// <param name="employerCode">Only this employer's members (to rotate in batches), or null for all.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<(int Rotated, int Current)> RotateAllAsync(string actor, string? employerCode = null, CancellationToken cancellationToken = default)
    {
        var protector = _p.Services.MyNumbers;
        int rotated = 0, current = 0;
        var filter = employerCode is null
            ? TableClient.CreateQueryFilter($"RowKey eq {Member.EntityRowKey}")
            : TableClient.CreateQueryFilter($"RowKey eq {Member.EntityRowKey} and EmployerCode eq {employerCode}");
        var candidates = new List<string>();
        await foreach (var m in _p.Store.Table.QueryAsync<Member>(filter, select: ["PartitionKey", "RowKey", nameof(Member.ProtectedMyNumber)], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (m.ProtectedMyNumber is null) continue;
            if (protector.IsCurrent(m.ProtectedMyNumber)) current++;
            else candidates.Add(m.PartitionKey);
        }
        foreach (var memberId in candidates)
            if (await RotateAsync(memberId, actor, protector, cancellationToken).ConfigureAwait(false)) rotated++;
        return (rotated, current);
    }

    private Task<bool> RotateAsync(string memberId, string actor, MyNumberProtector protector, CancellationToken ct) =>
        ConcurrencyRetry.RunAsync(async () =>
        {
            var member = await _p.Store.FindAsync(memberId, ct).ConfigureAwait(false);
            if (member?.ProtectedMyNumber is not { } ciphertext || protector.IsCurrent(ciphertext)) return false;
            var updated = member.Copy();
            updated.ProtectedMyNumber = await protector.RotateAsync(ciphertext,
                new AccessContext($"member:{memberId}", actor, "鍵の更新による再暗号化 / re-encryption under the active key"), ct).ConfigureAwait(false);
            await _p.Store.Table.UpdateEntityAsync(updated, member.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }, ct);
}
