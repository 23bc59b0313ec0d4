using Azure;
using Hub.Storage.Tables;

namespace Hub.Core.Employers;

/// <summary>A registered employer (事業所). Uploads to <c>submissions/{Code}/…</c> are accepted only for registered codes.</summary>
public sealed class Employer : ITableEntity
{
    /// <summary>Always "employer".</summary>
    public string PartitionKey { get; set; } = "employer";

    /// <summary>The employer code (事業所記号), also the upload folder name.</summary>
    public string RowKey { get; set; } = "";

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The employer's name (事業所名称).</summary>
    public string Name { get; set; } = "";

    /// <summary>The 記号 printed on members' documents (defaults to the code).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>When it was registered.</summary>
    public DateTimeOffset RegisteredAt { get; set; }

    /// <summary>The employer code.</summary>
    public string Code => RowKey;
}
