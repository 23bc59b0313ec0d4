using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hub.Core.Ingestion.Reporting;
using Hub.Core.Ingestion.Tracking;
using Hub.Domain.Submissions;
using Hub.Storage.Blobs;

namespace Hub.Core.Completion;

/// <summary>What registration made of one accepted row, as the registration result reports it.</summary>
public static class RegistrationRowStatus
{
    /// <summary>Registered as a member (created, updated, withdrawn or unchanged).</summary>
    public const string Registered = "registered";

    /// <summary>Refused by registration; the errors say why.</summary>
    public const string Rejected = "rejected";

    /// <summary>Not finished when the result was written (the waiting time is over; the insurer investigates).</summary>
    public const string Pending = "pending";
}

/// <summary>
/// Writes a submission's registration result (登録結果) as it reads the staged rows, streamed into two blobs (a 100k-row
/// result is never held in memory): <see cref="RegistrationResultPaths.Json"/> and <see cref="RegistrationResultPaths.Csv"/>
/// (UTF-8 with BOM, CRLF, every cell quoted and formula-neutralised by <see cref="CsvCells"/>). Both are committed together
/// by <see cref="CompleteAsync"/>; until then readers see the previous version. No My Number, not even masked.
/// </summary>
/// <remarks>
/// JSON: <c>submissionId, employerCode, fileName, receivedAt, validationReport, rows[{row, status, employeeId, recordType,
/// action, memberId, errors[{code, field, message_ja, message_en}]}], status, counts{accepted, registered, rejected, pending},
/// notes[], settledAt</c>. Nothing in it is a wall-clock time of the writing, so writing the same state twice gives the same
/// bytes (a rerun after a crash rewrites identical files).
/// CSV: <see cref="ResultReportWriter.Header"/>'s columns, one line per registered or pending row and per error of a refused
/// row, then one line per note.
/// </remarks>
public sealed class RegistrationResultWriter : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = true,
    };

    private readonly BlobWriteStream _jsonBlob;
    private readonly BlobWriteStream _csvBlob;
    private readonly Utf8JsonWriter _json;
    private readonly StreamWriter _csv;
    private readonly StringBuilder _csvLines = new();
    private bool _finished;

    private RegistrationResultWriter(BlobWriteStream jsonBlob, BlobWriteStream csvBlob)
    {
        _jsonBlob = jsonBlob;
        _csvBlob = csvBlob;
        _json = new Utf8JsonWriter(jsonBlob, JsonOptions);
        _csv = new StreamWriter(csvBlob, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024);
    }

    /// <summary>Opens both blobs and writes the heading.</summary>
    public static async Task<RegistrationResultWriter> OpenAsync(BlobContainerClient results, SubmissionEntity submission, CancellationToken cancellationToken)
    {
        var transfer = new BlobTransferOptions { MaximumTransferSize = 1024 * 1024, MaximumConcurrency = 2 };
        var jsonBlob = await results.GetBlobClient(RegistrationResultPaths.Json(submission.EmployerCode, submission.PartitionKey)).OpenWriteAsync(overwrite: true,
            new BlobOpenWriteOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
                TransferOptions = transfer,
            }, cancellationToken).ConfigureAwait(false);
        var csvBlob = await results.GetBlobClient(RegistrationResultPaths.Csv(submission.EmployerCode, submission.PartitionKey)).OpenWriteAsync(overwrite: true,
            new BlobOpenWriteOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv; charset=utf-8" },
                TransferOptions = transfer,
            }, cancellationToken).ConfigureAwait(false);
        var writer = new RegistrationResultWriter(jsonBlob, csvBlob);
        writer.WriteHeading(submission);
        return writer;
    }

    /// <summary>Writes one accepted row's outcome (<paramref name="memberId"/> only for a registered row).</summary>
    public async ValueTask WriteRowAsync(int row, RowIdentity identity, string status, string? memberId, IReadOnlyList<SubmissionError> errors,
        CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        _json.WriteNumber("row", row);
        _json.WriteString("status", status);
        _json.WriteString("employeeId", identity.EmployeeId);
        _json.WriteString("recordType", identity.RecordTypeCode);
        _json.WriteString("action", identity.ActionCode);
        _json.WriteString("memberId", memberId);
        _json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            _json.WriteStartObject();
            _json.WriteString("code", error.Code);
            _json.WriteString("field", error.Column);
            _json.WriteString("message_ja", error.MessageJa);
            _json.WriteString("message_en", error.MessageEn);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();

        var rowText = row.ToString(CultureInfo.InvariantCulture);
        if (errors.Count == 0)
        {
            CsvCells.AppendRecord(_csvLines, rowText, identity.EmployeeId, identity.LabelJa, StatusLabel(status), memberId, null, null, null, null);
        }
        else
        {
            foreach (var error in errors)
                CsvCells.AppendRecord(_csvLines, rowText, identity.EmployeeId, identity.LabelJa, StatusLabel(status), memberId, error.Code,
                    ResultReportWriter.FieldLabel(error.Column), error.MessageJa, error.MessageEn);
        }

        if (_json.BytesPending > FlushThreshold) await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (_csvLines.Length > FlushThreshold) await FlushCsvAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes status, counts, notes and <paramref name="settledAt"/> (the last row's settling time), and commits both blobs.</summary>
    public async Task CompleteAsync(string status, RegistrationCounts counts, IReadOnlyList<ReportNote> notes, DateTimeOffset? settledAt,
        CancellationToken cancellationToken)
    {
        _json.WriteEndArray();
        _json.WriteString("status", status);
        _json.WriteStartObject("counts");
        _json.WriteNumber("accepted", counts.Accepted);
        _json.WriteNumber("registered", counts.Registered);
        _json.WriteNumber("rejected", counts.Rejected);
        _json.WriteNumber("pending", counts.Pending);
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
        if (settledAt is { } at) _json.WriteString("settledAt", at.ToOffset(Time.HubClock.JapanOffset));
        else _json.WriteNull("settledAt");
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        var label = status == RegistrationResultStatus.Complete ? "登録完了" : "確認中";
        foreach (var note in notes) CsvCells.AppendRecord(_csvLines, null, null, null, label, null, null, null, note.MessageJa, note.MessageEn);
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

    /// <summary>The CSV status word of a row status: 登録済 / 登録不可 / 確認中.</summary>
    public static string StatusLabel(string status) => status switch
    {
        RegistrationRowStatus.Registered => "登録済",
        RegistrationRowStatus.Rejected => "登録不可",
        RegistrationRowStatus.Pending => "確認中",
        _ => status,
    };

    private void WriteHeading(SubmissionEntity submission)
    {
        _json.WriteStartObject();
        _json.WriteString("submissionId", submission.PartitionKey);
        _json.WriteString("employerCode", submission.EmployerCode);
        _json.WriteString("fileName", submission.FileName);
        _json.WriteString("receivedAt", submission.ReceivedAt.ToOffset(Time.HubClock.JapanOffset));
        _json.WriteString("validationReport", Path.GetFileName(ResultReportWriter.CsvPath(submission.EmployerCode, submission.PartitionKey)));
        _json.WriteStartArray("rows");
        CsvCells.AppendRecord(_csvLines, ResultReportWriter.Header);
    }

    private async Task FlushCsvAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in _csvLines.GetChunks()) await _csv.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        _csvLines.Clear();
    }
}
