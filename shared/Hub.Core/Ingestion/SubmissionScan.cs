using Hub.Core.Ingestion.Reading;
using Hub.Domain.Submissions;
using Hub.Domain.Text;

namespace Hub.Core.Ingestion;

/// <summary>Opens the submission's content afresh for one pass (each pass streams the file from the start).</summary>
public delegate Task<Stream> SubmissionContentOpener(CancellationToken cancellationToken);

/// <summary>
/// Parses and validates one file in two streaming passes, with no other I/O than reading the content twice:
/// pass 1 (<see cref="CollectAsync"/>) sniffs the format, hashes the bytes, resolves the header and feeds
/// <see cref="SubmissionFileValidator.Collect"/>; pass 2 (<see cref="ValidateAsync"/>) re-reads the file and yields
/// every row's verdict. Only compact per-row keys are kept between the passes, so the file never sits in memory.
/// One instance per file; not thread-safe.
/// </summary>
public sealed class SubmissionScan
{
    /// <summary>Above this many distinct employee ids, registered insured persons are loaded by scanning the roster rather than one by one.</summary>
    public const int MaxEmployeeIdsToLookUp = 256;

    private readonly string _employerCode;
    private readonly DateOnly _today;
    private readonly IngestionSettings _limits;
    private readonly string? _declaredCharset;
    private readonly SubmissionValidationOptions? _options;
    private SubmissionFileValidator? _validator;
    private HashSet<string>? _employeeIds;
    private Func<InsuredReference, bool> _isRegistered = _ => false;

    /// <summary>A scan of a file uploaded by <paramref name="employerCode"/>, validated as of <paramref name="today"/> (Japan).</summary>
    public SubmissionScan(string employerCode, DateOnly today, IngestionSettings limits, string? declaredCharset, SubmissionValidationOptions? options = null)
    {
        _employerCode = employerCode;
        _today = today;
        _limits = limits;
        _declaredCharset = declaredCharset;
        _options = options;
    }

    /// <summary>The format pass 1 settled on (null until pass 1 completes).</summary>
    public SubmissionFileFormat? Format { get; private set; }

    /// <summary>
    /// The format as far as pass 1 got: set once the first bytes are sniffed, also when the file is then refused (e.g. a
    /// missing column), so a refusal's report can still say how the file was read. Null when sniffing refused it.
    /// </summary>
    public SubmissionFileFormat? DetectedFormat { get; private set; }

    /// <summary>SHA-256 of the bytes (lower-case hex), once pass 1 read them all (also after most refusals).</summary>
    public string? Sha256 { get; private set; }

    /// <summary>File size read in pass 1.</summary>
    public long Bytes { get; private set; }

    /// <summary>Data rows seen in pass 1.</summary>
    public int Rows => _validator?.CollectedRows ?? 0;

    /// <summary>
    /// Distinct employee ids (normalised) of the file, for loading which insured persons are registered; null when
    /// there are more than <see cref="MaxEmployeeIdsToLookUp"/> (then load the whole roster).
    /// </summary>
    public IReadOnlyCollection<string>? EmployeeIds => _employeeIds;

    /// <summary>The registered-insured lookup pass 2 uses (set it between the passes; default: nobody is registered).</summary>
    public Func<InsuredReference, bool> IsInsuredRegistered
    {
        set => _isRegistered = value;
    }

    /// <summary>Pass 1. On a file-level problem throws with every error found (the file is refused).</summary>
    /// <exception cref="SubmissionFileException">The file is refused.</exception>
    public async Task CollectAsync(SubmissionContentOpener open, CancellationToken cancellationToken)
    {
        var hashing = new HashingReadStream(await open(cancellationToken).ConfigureAwait(false), _limits.MaxFileBytes);
        try
        {
            var prefix = new byte[SubmissionFormatSniffer.PrefixLength];
            var filled = 0;
            int read;
            while (filled < prefix.Length && (read = await hashing.ReadAsync(prefix.AsMemory(filled), cancellationToken).ConfigureAwait(false)) > 0)
                filled += read;
            var format = SubmissionFormatSniffer.Detect(prefix.AsSpan(0, filled), complete: filled < prefix.Length, _declaredCharset);
            DetectedFormat = format;
            try
            {
                await CollectRowsAsync(new PrefixedReadStream(prefix.AsMemory(0, filled), hashing, leaveOpen: true), format, cancellationToken).ConfigureAwait(false);
            }
            catch (SubmissionEncodingException) when (format.EncodingIsTentative)
            {
                // Only ASCII was seen before: the file is Shift_JIS after all. Read it again as such.
                await hashing.DisposeAsync().ConfigureAwait(false);
                hashing = new HashingReadStream(await open(cancellationToken).ConfigureAwait(false), _limits.MaxFileBytes);
                format = format.AsShiftJis();
                DetectedFormat = format;
                await CollectRowsAsync(new PrefixedReadStream(ReadOnlyMemory<byte>.Empty, hashing, leaveOpen: true), format, cancellationToken).ConfigureAwait(false);
            }

            Format = format;
            await hashing.DrainAsync(cancellationToken).ConfigureAwait(false);
            Sha256 = hashing.Sha256Hex;
            Bytes = hashing.BytesRead;
        }
        catch (SubmissionEncodingException)
        {
            await HashRestAsync(hashing, cancellationToken).ConfigureAwait(false);
            throw new SubmissionFileException(SubmissionFileErrors.EncodingInvalid());
        }
        catch (SubmissionFileException)
        {
            await HashRestAsync(hashing, cancellationToken).ConfigureAwait(false);
            throw;
        }
        finally
        {
            await hashing.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Pass 2: every row's verdict, in file order, to <paramref name="onRow"/>.</summary>
    /// <exception cref="InvalidOperationException">Pass 1 has not completed, or the file changed between the passes.</exception>
    public async Task ValidateAsync(SubmissionContentOpener open, Func<SubmissionRowResult, ValueTask> onRow, CancellationToken cancellationToken)
    {
        var format = Format ?? throw new InvalidOperationException("Run CollectAsync first.");
        var validator = _validator!;
        using var source = await SubmissionRecordSource.OpenAsync(await open(cancellationToken).ConfigureAwait(false), format, _limits.MaxRowChars, cancellationToken)
            .ConfigureAwait(false);
        var rows = 0;
        while (await source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
            await onRow(validator.Validate(source.RowNumber, source.Cells)).ConfigureAwait(false);
        }

        if (rows != validator.CollectedRows)
            throw new InvalidOperationException($"Pass 2 read {rows} rows but pass 1 read {validator.CollectedRows}: the content changed between the passes.");
    }

    private async Task CollectRowsAsync(Stream content, SubmissionFileFormat format, CancellationToken cancellationToken)
    {
        using var source = await SubmissionRecordSource.OpenAsync(content, format, _limits.MaxRowChars, cancellationToken).ConfigureAwait(false);
        var context = new SubmissionValidationContext(_employerCode, _today, reference => _isRegistered(reference), _options);
        var validator = new SubmissionFileValidator(source.Header, context);
        var employeeIds = new HashSet<string>(StringComparer.Ordinal);
        var idPosition = source.Header.PositionOf(SubmissionColumn.EmployeeId);
        while (await source.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var cells = source.Cells;
            validator.Collect(source.RowNumber, cells);
            if (employeeIds is not null && idPosition < cells.Length && cells[idPosition] is { Length: > 0 } id)
            {
                employeeIds.Add(JapaneseTextNormalizer.Normalize(id));
                if (employeeIds.Count > MaxEmployeeIdsToLookUp) employeeIds = null;
            }
        }

        if (validator.CollectedRows == 0) throw new SubmissionFileException(SubmissionFileErrors.NoDataRows());
        validator.CompleteCollection();
        _validator = validator;
        _employeeIds = employeeIds;
    }

    private async Task HashRestAsync(HashingReadStream hashing, CancellationToken cancellationToken)
    {
        try
        {
            await hashing.DrainAsync(cancellationToken).ConfigureAwait(false);
            Sha256 = hashing.Sha256Hex;
            Bytes = hashing.BytesRead;
        }
        catch (SubmissionFileException)
        {
            // Too large to hash: the report has no hash.
        }
    }
}
