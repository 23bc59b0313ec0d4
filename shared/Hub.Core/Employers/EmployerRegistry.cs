using System.Text.RegularExpressions;
using Hub.Core.Storage;
using Hub.Storage;
using Hub.Storage.Tables;

namespace Hub.Core.Employers;

/// <summary>The registry of employers allowed to upload (table <c>Employers</c>).</summary>
public sealed partial class EmployerRegistry(HubStorage storage, TimeProvider clock)
{
    private readonly TableClient _table = storage.Table(HubStorage.Tables.Employers);

    /// <summary>Whether <paramref name="code"/> is a well-formed employer code: 1–16 ASCII letters, digits or hyphens.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    /// <summary>Registers an employer, or updates its name and symbol; returns it.</summary>
    /// <exception cref="ArgumentException">The code is malformed or the name empty.</exception>
    public async Task<Employer> AddOrUpdateAsync(string code, string name, string? symbol = null, CancellationToken cancellationToken = default)
    {
        if (!IsValidCode(code)) throw new ArgumentException($"Employer code '{code}' must be 1–16 ASCII letters, digits or hyphens.", nameof(code));
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("The employer name is required.", nameof(name));
        var existing = await FindAsync(code, cancellationToken).ConfigureAwait(false);
        var employer = new Employer
        {
            RowKey = code,
            Name = name.Trim(),
            Symbol = string.IsNullOrWhiteSpace(symbol) ? existing?.Symbol is { Length: > 0 } s ? s : code : symbol.Trim(),
            RegisteredAt = existing?.RegisteredAt ?? clock.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(employer, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return employer;
    }

    /// <summary>The employer, or null when the code is not registered (or malformed).</summary>
    public async Task<Employer?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        if (!IsValidCode(code)) return null;
        var response = await _table.GetEntityIfExistsAsync<Employer>("employer", code, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Every registered employer.</summary>
    public async Task<IReadOnlyList<Employer>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Employer>();
        await foreach (var e in _table.QueryAsync<Employer>(TableClient.CreateQueryFilter($"PartitionKey eq {"employer"}"), cancellationToken: cancellationToken).ConfigureAwait(false))
            list.Add(e);
        return list;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,16}$")]
    private static partial Regex CodePattern();
}
