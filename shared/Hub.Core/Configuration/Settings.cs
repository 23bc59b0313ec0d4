namespace Hub.Core.Configuration;

/// <summary>
/// Read access to app settings (environment variables in Azure and under the local host; Key Vault
/// references resolve to plain values before they reach us). Names use <c>__</c> as the section separator,
/// as Azure app settings do (<c>Hub__MyNumber__IndexKey</c>).
/// </summary>
public sealed class Settings
{
    private readonly Func<string, string?> _read;

    /// <summary>Settings read through a function (e.g. IConfiguration or a dictionary).</summary>
    public Settings(Func<string, string?> read) => _read = read;

    /// <summary>Settings from the process environment.</summary>
    public static Settings FromEnvironment() => new(Environment.GetEnvironmentVariable);

    /// <summary>Settings from a dictionary (tests, CLI).</summary>
    public static Settings FromDictionary(IReadOnlyDictionary<string, string> values) =>
        new(name => values.TryGetValue(name, out var v) ? v : null);

    /// <summary>A setting, or null when absent or empty.</summary>
    public string? Get(string name) => _read(name) is { Length: > 0 } v ? v : null;

    /// <summary>A required setting.</summary>
    /// <exception cref="HubConfigurationException">It is missing.</exception>
    public string Require(string name) => Get(name) ?? throw new HubConfigurationException($"App setting '{name}' is required.");

    /// <summary>The raw reader (for StorageConnection.FromSettings).</summary>
    public Func<string, string?> Reader => _read;
}

/// <summary>The hub is misconfigured (a missing or invalid setting); the message names the setting.</summary>
public sealed class HubConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
