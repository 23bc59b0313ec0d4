using System.Text.RegularExpressions;

namespace Hub.Infra.Tests;

/// <summary>No secret values in infra/ or the runbook: keys, connection strings, signatures, webhook secrets, key material.</summary>
public partial class SecretLiteralTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(InfraPaths.Infra, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(Hub.Testing.RepoPaths.Root, file));
        data.Add(Path.GetRelativePath(Hub.Testing.RepoPaths.Root, InfraPaths.OperationsDoc));
        return data;
    }

    /// <summary>What a leaked secret looks like, by kind.</summary>
    public static IEnumerable<(string Kind, Regex Pattern)> Patterns =>
    [
        ("storage account key", AccountKey()),
        ("Service Bus / Event Hubs key", SharedAccessKey()),
        ("webhook secret", WebhookSecret()),
        ("private key", PrivateKey()),
        ("SAS signature", SasSignature()),
    ];

    /// <summary>Problems in a text (shared with the tests of this scanner).</summary>
    public static List<string> Scan(string text)
    {
        var problems = new List<string>();
        foreach (var (kind, pattern) in Patterns)
        foreach (Match m in pattern.Matches(text))
            problems.Add($"{kind}: {Redact(m.Value)}");
        foreach (Match m in Base64Run().Matches(text))
        {
            var value = m.Value;
            // Key material is random: mixed case and digits. Long identifiers and paths are not.
            if (!(value.Any(char.IsAsciiDigit) && value.Any(char.IsAsciiLetterUpper) && value.Any(char.IsAsciiLetterLower))) continue;
            try
            {
                if (Convert.FromBase64String(value.PadRight(value.Length + (4 - value.Length % 4) % 4, '=')).Length >= 30)
                    problems.Add($"base64 key material: {Redact(value)}");
            }
            catch (FormatException)
            {
                // not base64
            }
        }
        return problems;
    }

    private static string Redact(string value) => value.Length <= 12 ? value : value[..12] + "…";

    [Theory]
    [MemberData(nameof(Files))]
    public void No_secret_literals(string relative)
    {
        var text = File.ReadAllText(Path.Combine(Hub.Testing.RepoPaths.Root, relative));
        Assert.Empty(Scan(text));
        // The development keys of local.settings.sample.json must never travel to Azure.
        foreach (var (name, value) in CodeInventory.SampleSettings)
            if (name.Contains("Key", StringComparison.Ordinal) && value.Length >= 16)
                Assert.DoesNotContain(value.Split(':')[^1], text, StringComparison.Ordinal);
        Assert.DoesNotContain(Hub.Storage.StorageConnection.DevelopmentAccountKey, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=x;AccountKey=Zm9vYmFyYmF6cXV4cXV1eA==;", "storage account key")]
    [InlineData("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=abcDEF123456789", "Service Bus")]
    [InlineData("secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "webhook secret")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "private key")]
    [InlineData("https://a.blob.core.windows.net/c?sv=2024-08-04&sr=c&sp=cw&sig=AbCdEf0123456789%2BAbCdEf%3D", "SAS signature")]
    [InlineData("\"Hub__MyNumber__IndexKey\": \"3s5Vshy6hdjcJ8tqYNg3nCW71cXV4jFcfybuyF7bSBw=\"", "base64 key material")]
    public void The_scanner_recognises_each_kind(string text, string kind) =>
        Assert.Contains(Scan(text), p => p.Contains(kind, StringComparison.Ordinal));

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices/containers")]
    [InlineData("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")]
    [InlineData("@Microsoft.KeyVault(VaultName=kv-mnhub-prod-abc123;SecretName=hub-mynumber-indexkey)")]
    [InlineData("secrets look like whsec_<base64> (Standard Webhooks)")]
    [InlineData("sig=<signature>")]
    public void The_scanner_leaves_ordinary_text_alone(string text) => Assert.Empty(Scan(text));

    [GeneratedRegex(@"AccountKey=[A-Za-z0-9+/=]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex AccountKey();

    [GeneratedRegex(@"SharedAccessKey=[A-Za-z0-9+/=]{8,}", RegexOptions.IgnoreCase)]
    private static partial Regex SharedAccessKey();

    [GeneratedRegex(@"whsec_[A-Za-z0-9+/=]{8,}")]
    private static partial Regex WebhookSecret();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"[?&]sig=[A-Za-z0-9%+/=]{16,}")]
    private static partial Regex SasSignature();

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])")]
    private static partial Regex Base64Run();
}
