using Azure.Core;
using Azure.Core.Pipeline;

namespace Hub.Storage;

/// <summary>
/// Builds the Azure.Core pipeline every storage client uses: API version, retries with backoff on
/// transient failures (408, 429, 500, 502, 503, 504, timeouts, connection errors), authentication per
/// attempt, logging and distributed tracing from <see cref="ClientOptions"/>.
/// </summary>
internal static class StoragePipeline
{
    private static readonly string[] StorageScopes = ["https://storage.azure.com/.default"];

    public static HttpPipeline Build(StorageConnection connection, StorageClientOptions options, StorageServiceKind kind)
    {
        var version = options.ServiceVersion ?? (kind == StorageServiceKind.Table
            ? StorageClientOptions.DefaultTableVersion
            : StorageClientOptions.DefaultBlobQueueVersion);

        HttpPipelinePolicy auth = connection switch
        {
            { SharedKey: { } key } => new SharedKeyAuthenticationPolicy(key, kind),
            { TokenCredential: { } token } => new BearerTokenAuthenticationPolicy(token, StorageScopes),
            { SharedAccessSignature: { } sas } => new SasQueryPolicy(sas),
            _ => throw new InvalidOperationException("The storage connection has no credential."),
        };

        var pipelineOptions = new HttpPipelineOptions(options)
        {
            ResponseClassifier = new ResponseClassifier(),
            RequestFailedDetailsParser = StorageErrorDetailsParser.Instance,
        };
        pipelineOptions.PerCallPolicies.Add(new HeaderPolicy("x-ms-version", version));
        pipelineOptions.PerRetryPolicies.Add(auth);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }

    private sealed class HeaderPolicy(string name, string value) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => message.Request.Headers.SetValue(name, value);
    }

    private sealed class SasQueryPolicy(string sas) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            var uri = message.Request.Uri;
            if (!uri.Query.Contains("sig=", StringComparison.Ordinal))
                uri.Query = string.IsNullOrEmpty(uri.Query) || uri.Query == "?" ? "?" + sas : uri.Query + "&" + sas;
        }
    }
}
