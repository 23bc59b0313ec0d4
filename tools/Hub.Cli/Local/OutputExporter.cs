using Hub.Core.Storage;

namespace Hub.Cli.Local;

/// <summary>Copies what a run produced for the employer from storage into the output folder.</summary>
internal static class OutputExporter
{
    /// <summary>Copies <c>{container}/{employer}/…</c> to <c>{outDir}/{folder}/…</c>; returns the file count.</summary>
    public static async Task<int> ExportAsync(HubStorage storage, string container, string employer, string outDir, string folder, CancellationToken ct)
    {
        var count = 0;
        var client = storage.Container(container);
        await foreach (var blob in client.GetBlobsAsync(prefix: employer + "/", cancellationToken: ct).ConfigureAwait(false))
        {
            var target = Path.Combine(outDir, folder, blob.Name[(employer.Length + 1)..].Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var download = await client.GetBlobClient(blob.Name).DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false);
            await using (var source = download.Value.Content)
            await using (var file = File.Create(target))
                await source.CopyToAsync(file, ct).ConfigureAwait(false);
            count++;
        }
        return count;
    }
}
