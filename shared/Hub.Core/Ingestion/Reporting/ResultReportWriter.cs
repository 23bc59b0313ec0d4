using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hub.Domain.Submissions;
using Hub.Storage.Blobs;

namespace Hub.Core.Ingestion.Reporting;

/// <summary>What a report says about its file, known before the rows.</summary>
/// <param name="SubmissionId">The submission id.</param>
/// <param name="EmployerCode">The employer.</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="ReceivedAt">When the upload was written.</param>
/// <param name="Sha256">SHA-256 of the content, when read.</param>
/// <param name="Format"><c>csv</c>/<c>json</c>, when known.</param>
/// <param name="Encoding"><c>utf-8</c>/<c>shift_jis</c>, when known.</param>
/// <param name="EncodingSource">What decided the encoding: <c>bom</c>, <c>declared</c> (Content-Type or metadata charset) or <c>detected</c>.</param>
/// <param name="DuplicateOf">The earlier submission with the same content.</param>
public sealed record ReportHeading(string SubmissionId, string EmployerCode, string FileName, DateTimeOffset ReceivedAt,
    string? Sha256 = null, string? Format = null, string? Encoding = null, string? EncodingSource = null, string? DuplicateOf = null);

/// <summary>
/// Writes the result report of a submission as it is validated, streamed into two blobs (so a 100k-row report
/// is never held in memory): <c>results/{employer}/{submissionId}.json</c> and <c>.csv</c> (UTF-8 with BOM, CRLF,
/// every cell quoted and formula-neutralised — it opens cleanly in Excel). Both are committed together by
/// <see cref="CompleteAsync"/>; until then readers see the previous version (a retry overwrites it). Reports never
/// hold a My Number, not even masked: rows are identified by their number (and member id).
/// </summary>
/// <remarks>
/// JSON: <c>submissionId, employerCode, fileName, sha256, receivedAt, format, encoding, encodingSource, duplicateOf, errors[],
/// rows[{row, status, employeeId, recordType, action, memberId, errors[]}], status, counts{rows, accepted, rejected}, notes[],
/// completedAt</c> — status, counts and notes come last because they are known only once every row has been written.
/// CSV: <see cref="Header"/>, one line per accepted row and per error of a rejected row, then one line per note.
/// </remarks>
public sealed class ResultReportWriter : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    // Relaxed escaping keeps Japanese and quotes readable; the report is served as application/json, never embedded in HTML.
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    private static readonly Dictionary<string, SubmissionColumnDefinition> ColumnsByName =
        SubmissionColumnCatalog.All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private readonly BlobWriteStream _jsonBlob;
    private readonly BlobWriteStream _csvBlob;
    private readonly Utf8JsonWriter _json;
    private readonly StreamWriter _csv;
    private readonly StringBuilder _csvLines = new();
    private bool _finished;

    private ResultReportWriter(BlobWriteStream jsonBlob, BlobWriteStream csvBlob)
    {
        _jsonBlob = jsonBlob;
        _csvBlob = csvBlob;
        _json = new Utf8JsonWriter(jsonBlob, JsonOptions);
        _csv = new StreamWriter(csvBlob, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
    }

    /// <summary>The JSON report's path in the <c>results</c> container.</summary>
    public static string JsonPath(string employerCode, string submissionId) => $"{employerCode}/{submissionId}.json";

    /// <summary>The CSV report's path in the <c>results</c> container.</summary>
    public static string CsvPath(string employerCode, string submissionId) => $"{employerCode}/{submissionId}.csv";

    /// <summary>Opens both blobs and writes the heading and file-level errors (<paramref name="errorStatus"/> labels their CSV lines).</summary>
    public static async Task<ResultReportWriter> OpenAsync(BlobContainerClient results, ReportHeading heading, IReadOnlyList<SubmissionError> fileErrors,
        CancellationToken cancellationToken, string errorStatus = "refused")
    {
        var transfer = new BlobTransferOptions { MaximumTransferSize = 1024 * 1024, MaximumConcurrency = 2 };
        var jsonBlob = await results.GetBlobClient(JsonPath(heading.EmployerCode, heading.SubmissionId)).OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
            TransferOptions = transfer,
        }, cancellationToken).ConfigureAwait(false);
        var csvBlob = await results.GetBlobClient(CsvPath(heading.EmployerCode, heading.SubmissionId)).OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
            TransferOptions = transfer,
        }, cancellationToken).ConfigureAwait(false);
        var writer = new ResultReportWriter(jsonBlob, csvBlob);
        writer.WriteHeading(heading, fileErrors, StatusLabel(errorStatus));
        return writer;
    }

    /// <summary>Rows written so far.</summary>
    public int Rows { get; private set; }

    /// <summary>Writes one row's verdict.</summary>
    public async ValueTask WriteRowAsync(SubmissionRowResult result, string? memberId, CancellationToken cancellationToken)
    {
        Rows++;
        var identity = RowIdentity.Of(result);
        _json.WriteStartObject();
        _json.WriteNumber("row", result.RowNumber);
        _json.WriteString("status", result.IsAccepted ? "accepted" : "rejected");
        _json.WriteString("employeeId", identity.EmployeeId);
        _json.WriteString("recordType", identity.RecordTypeCode);
        _json.WriteString("action", identity.ActionCode);
        _json.WriteString("memberId", memberId);
        _json.WriteStartArray("errors");
        foreach (var error in result.Errors) WriteError(error, withRow: false);
        _json.WriteEndArray();
        _json.WriteEndObject();

        var row = result.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (result.IsAccepted)
        {
            CsvCells.AppendRecord(_csvLines, row, identity.EmployeeId, identity.LabelJa, "受付", memberId, null, null, null, null);
        }
        else
        {
            foreach (var error in result.Errors)
                CsvCells.AppendRecord(_csvLines, row, identity.EmployeeId, identity.LabelJa, "エラー", null, error.Code, FieldLabel(error.Column), error.MessageJa, error.MessageEn);
        }

        if (_json.BytesPending > FlushThreshold) await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_csvLines.Length > FlushThreshold) await FlushCsvAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes status, counts and <paramref name="notes"/> (remarks that are not errors, e.g. a duplicate's original; each
    /// also a line of the CSV), and commits both blobs.
    /// </summary>
    public async Task CompleteAsync(string status, int rows, int accepted, int rejected, DateTimeOffset completedAt, CancellationToken cancellationToken,
        IReadOnlyList<ReportNote>? notes = null)
    {
        notes ??= [];
        _json.WriteEndArray();
        _json.WriteString("status", status);
        _json.WriteStartObject("counts");
        _json.WriteNumber("rows", rows);
        _json.WriteNumber("accepted", accepted);
        _json.WriteNumber("rejected", rejected);
        _json.WriteEndObject();
        _json.WriteStartArray("notes");
        foreach (var note in notes)
        {
            _json.WriteStartObject();
            _json.WriteString("message_ja", note.MessageJa);
            _json.WriteString("message_en", note.MessageEn);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteString("completedAt", completedAt.ToOffset(Time.HubClock.JapanOffset));
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        foreach (var note in notes) CsvCells.AppendRecord(_csvLines, null, null, null, StatusLabel(status), null, null, null, note.MessageJa, note.MessageEn);
        await FlushCsvAsync(cancellationToken).ConfigureAwait(false);
        await _csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        _finished = true;
        await _jsonBlob.CommitAsync(cancellationToken).ConfigureAwait(false);
        await _csvBlob.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Discards both blobs (the previous version, if any, stays).</summary>
    public void Abort()
    {
        if (_finished) return;
        _finished = true;
        _jsonBlob.Abort();
        _csvBlob.Abort();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var completed = _finished;
        Abort();
        try
        {
            await _json.DisposeAsync().ConfigureAwait(false);
            await _csv.DisposeAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException) when (!completed)
        {
            // Aborted: the writers' pending bytes have nowhere to go, which is the point.
        }
    }

    /// <summary>The CSV status word of a report status.</summary>
    public static string StatusLabel(string status) => status switch
    {
        "completed" => "処理完了",
        "refused" => "ファイル不受理",
        "duplicate" => "重複（処理済み）",
        "failed" => "処理失敗",
        "superseded" => "処理中止",
        _ => status,
    };

    private void WriteHeading(ReportHeading heading, IReadOnlyList<SubmissionError> fileErrors, string errorLabel)
    {
        _json.WriteStartObject();
        _json.WriteString("submissionId", heading.SubmissionId);
        _json.WriteString("employerCode", heading.EmployerCode);
        _json.WriteString("fileName", heading.FileName);
        _json.WriteString("sha256", heading.Sha256);
        _json.WriteString("receivedAt", heading.ReceivedAt.ToOffset(Time.HubClock.JapanOffset));
        _json.WriteString("format", heading.Format);
        _json.WriteString("encoding", heading.Encoding);
        _json.WriteString("encodingSource", heading.EncodingSource);
        _json.WriteString("duplicateOf", heading.DuplicateOf);
        _json.WriteStartArray("errors");
        foreach (var error in fileErrors) WriteError(error, withRow: true);
        _json.WriteEndArray();
        _json.WriteStartArray("rows");

        CsvCells.AppendRecord(_csvLines, Header);
        foreach (var error in fileErrors)
        {
            var row = error.Row?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            CsvCells.AppendRecord(_csvLines, row, null, null, errorLabel, null, error.Code, FieldLabel(error.Column), error.MessageJa, error.MessageEn);
        }
    }

    private void WriteError(SubmissionError error, bool withRow)
    {
        _json.WriteStartObject();
        _json.WriteString("code", error.Code);
        _json.WriteString("field", error.Column);
        if (withRow)
        {
            if (error.Row is { } row) _json.WriteNumber("row", row);
            else _json.WriteNull("row");
        }

        _json.WriteString("message_ja", error.MessageJa);
        _json.WriteString("message_en", error.MessageEn);
        _json.WriteEndObject();
    }

    /// <summary>The CSV's header line: row, 社員番号 and 対象区分 first so HR can match lines to their own rows.</summary>
    public static readonly string?[] Header =
        ["行 (row)", "社員番号 (employee_id)", "対象区分 (record_type/action)", "結果 (status)", "加入者ID (member_id)", "エラーコード (code)", "項目 (field)", "内容", "message"];

    /// <summary>"個人番号 (my_number)" for a known column; the raw header (e.g. of UNKNOWN_COLUMN) otherwise.</summary>
    public static string? FieldLabel(string? column) =>
        column is null ? null : ColumnsByName.TryGetValue(column, out var definition) ? $"{definition.LabelJa} ({definition.Name})" : column;

    private async Task FlushCsvAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in _csvLines.GetChunks()) await _csv.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        _csvLines.Clear();
    }
}
