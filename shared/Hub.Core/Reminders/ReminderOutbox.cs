using Hub.Core.Storage;
using Hub.Domain.Submissions;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Tables;

namespace Hub.Core.Reminders;

/// <summary>
/// The employer's daily outbox: the lines in <c>ReminderLedger</c> and the file
/// <c>outbox/{employerCode}/{yyyyMMdd}-reminders.csv</c> built from them (Japanese headers, <see cref="ExcelCsv"/>).
/// The file is always regenerated from the whole day partition, never appended to, so it holds one line per reminder
/// whatever ran how often; concurrent writers converge because each re-reads the partition after uploading and
/// writes again if it grew meanwhile.
/// </summary>
public sealed class ReminderOutbox(HubStorage storage)
{
    /// <summary>
    /// The CSV columns, in order: who, what, whether and by when the member must act, what the date is about, what the
    /// insurer does, the message and letter — then the reminder's identifiers. 通知基準日 (the day the reminder's window
    /// opened, part of its key) sits with the identifiers: it is not a deadline and may lie before 送付日.
    /// </summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        "送付日", "事業所記号", "社員番号", "加入者ID", "記号・番号・枝番", "氏名", "本人・家族", "通知の種類",
        "本人の手続き", "手続きの期限", "対象日", "対象日の内容", "保険者の対応", "お知らせ文", "通知書ファイル",
        "理由コード", "通知基準日", "イベントID",
    ];

    private readonly TableClient _ledger = storage.Table(HubStorage.Tables.ReminderLedger);
    private readonly BlobContainerClient _outbox = storage.Container(HubStorage.Containers.Outbox);

    /// <summary>Writes (or rewrites identically) the lines of committed reminders.</summary>
    public Task WriteLineAsync(ReminderLine line, CancellationToken cancellationToken = default) =>
        _ledger.UpsertEntityAsync(line, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The lines of one employer's day, in file order (記号・番号・枝番, then due date and reason).</summary>
    public async Task<IReadOnlyList<ReminderLine>> LinesAsync(DateOnly sentOn, string employerCode, CancellationToken cancellationToken = default)
    {
        var lines = new List<ReminderLine>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReminderKeys.DayPartition(sentOn, employerCode)}");
        await foreach (var line in _ledger.QueryAsync<ReminderLine>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            lines.Add(line);
        return lines.OrderBy(l => l.SymbolNumber, StringComparer.Ordinal).ThenBy(l => l.MemberId, StringComparer.Ordinal)
            .ThenBy(l => l.DueDate).ThenBy(l => l.Reason).ToList();
    }

    /// <summary>The CSV content of the given lines.</summary>
    public static byte[] Csv(IEnumerable<ReminderLine> lines) => ExcelCsv.Build(Headers, lines.Select(Row));

    /// <summary>
    /// Regenerates the day's CSV from the ledger (skipping the upload when the content is unchanged); returns its blob
    /// name and line count. Repeats while the partition grows under it (a concurrent sweep adding lines).
    /// </summary>
    public async Task<(string BlobName, int Lines)> RegenerateAsync(DateOnly sentOn, string employerCode, CancellationToken cancellationToken = default)
    {
        var name = ReminderKeys.CsvBlobName(employerCode, sentOn);
        var blob = _outbox.GetBlobClient(name);
        for (var attempt = 1; ; attempt++)
        {
            var lines = await LinesAsync(sentOn, employerCode, cancellationToken).ConfigureAwait(false);
            var csv = Csv(lines);
            if (!await SameContentAsync(blob, csv, cancellationToken).ConfigureAwait(false))
                await blob.UploadAsync(BinaryData.FromBytes(csv), new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                }, cancellationToken).ConfigureAwait(false);
            var now = await LinesAsync(sentOn, employerCode, cancellationToken).ConfigureAwait(false);
            // Lines are only ever added: an unchanged count means nothing was added since the read this file was built from.
            if (now.Count == lines.Count || attempt >= 10) return (name, lines.Count);
        }
    }

    private static async Task<bool> SameContentAsync(BlobClient blob, byte[] csv, CancellationToken ct)
    {
        try
        {
            var current = (await blob.DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content;
            return current.ToMemory().Span.SequenceEqual(csv);
        }
        catch (StorageRequestFailedException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    private static IReadOnlyList<string?> Row(ReminderLine l) =>
    [
        ReminderKeys.Iso(l.SentOn), l.EmployerCode, l.EmployeeId, l.MemberId, l.SymbolNumber, l.Name,
        l.Role == RecordType.Insured ? "本人" : "家族",
        ReminderLabels.Ja(l.Reason),
        l.Deadline is null ? "不要" : "要",
        l.Deadline is { } deadline ? ReminderKeys.Iso(deadline) : "",
        ReminderKeys.Iso(l.EventDate), ReminderLabels.EventDateJa(l.Reason),
        ReminderLabels.ActionJa(l.Action), l.MessageJa,
        LetterCell(l),
        l.Reason.ToString(), ReminderKeys.Iso(l.DueDate),
        l.EventId,
    ];

    // Relative to the employer's outbox folder, as the employer sees the files.
    private static string LetterCell(ReminderLine l) =>
        l.LetterBlob is { } path && path.StartsWith($"{HubStorage.Containers.Outbox}/{l.EmployerCode}/", StringComparison.Ordinal)
            ? path[(HubStorage.Containers.Outbox.Length + l.EmployerCode.Length + 2)..]
            : l.LetterError is { } error ? $"（作成できませんでした: {error}）" : "";
}
