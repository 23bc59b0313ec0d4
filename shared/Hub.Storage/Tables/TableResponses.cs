using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Hub.Storage.Tables;

/// <summary>A <see cref="NullableResponse{T}"/>: the value when the entity exists, otherwise the 404 response.</summary>
internal sealed class TableNullableResponse<T>(T? value, Response response) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T Value => value ?? throw new InvalidOperationException("The entity does not exist; check HasValue first.");

    public override Response GetRawResponse() => response;
}

/// <summary>One operation's response inside an entity-group transaction (a part of the multipart/mixed body).</summary>
internal sealed class TablePartResponse : Response
{
    private readonly List<HttpHeader> _headers;

    public TablePartResponse(int status, string reasonPhrase, List<HttpHeader> headers, byte[] body)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        _headers = headers;
        ContentStream = new MemoryStream(body, writable: false);
        ClientRequestId = string.Empty;
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    /// <summary>The batch as a whole succeeds (202) even when an operation fails; the operation's own status decides.</summary>
    public override bool IsError => Status >= 400;

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        var values = _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        value = values.Count == 0 ? null : string.Join(",", values);
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = _headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values = found.Count == 0 ? null : found;
        return values is not null;
    }

    protected override bool ContainsHeader(string name) => _headers.Any(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers;
}
