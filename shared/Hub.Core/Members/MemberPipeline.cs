using Hub.Core.Employers;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Documents;
using Hub.Storage.Tables;

namespace Hub.Core.Members;

/// <summary>
/// The member pipeline's services over one set of <see cref="HubServices"/>: registration (RegisterMember),
/// notices (GenerateNotice), certificates (IssueCertificate), My Number retention and key rotation, and the
/// stores they share. Thread-safe; create once per process.
/// </summary>
public sealed class MemberPipeline
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Employer? Employer, long At)> _employers = new(StringComparer.Ordinal);
    private readonly Lazy<NoticeRenderer> _noticeRenderer;
    private readonly Lazy<CertificateRenderer> _certificateRenderer;

    /// <summary>Builds the pipeline; settings are read from <paramref name="services"/> unless given.</summary>
    /// <exception cref="Configuration.HubConfigurationException">A member pipeline setting is invalid.</exception>
    public MemberPipeline(HubServices services, MemberPipelineSettings? settings = null)
    {
        Services = services;
        Settings = settings ?? MemberPipelineSettings.FromSettings(services.Settings);
        Store = new MemberStore(services.Storage);
        Roster = new InsuredRoster(services.Storage);
        Claims = new MyNumberClaims(services.Storage);
        ActionIndex = new MemberActionIndex(services.Storage);
        StagedRows = services.Storage.Table(HubStorage.Tables.StagedRows);
        Retention = new MyNumberRetention(this);
        Registration = new MemberRegistration(this);
        Notices = new NoticeIssuance(this);
        Certificates = new CertificateIssuance(this);
        Rotation = new MyNumberRotation(this);
        // Renderers load fonts: only the document steps need them.
        _noticeRenderer = new(() => new NoticeRenderer(Settings.Documents));
        _certificateRenderer = new(() => new CertificateRenderer(Settings.Documents));
    }

    /// <summary>Core services.</summary>
    public HubServices Services { get; }

    /// <summary>Settings.</summary>
    public MemberPipelineSettings Settings { get; }

    /// <summary>Members, timelines, operations and events.</summary>
    public MemberStore Store { get; }

    /// <summary>番号 assignment and waiting dependants.</summary>
    public InsuredRoster Roster { get; }

    /// <summary>My Number uniqueness.</summary>
    public MyNumberClaims Claims { get; }

    /// <summary>Next-action-date index.</summary>
    public MemberActionIndex ActionIndex { get; }

    /// <summary>Staged rows (shared with ingestion).</summary>
    public TableClient StagedRows { get; }

    /// <summary>My Number deletion after the retention period.</summary>
    public MyNumberRetention Retention { get; }

    /// <summary>RegisterMember.</summary>
    public MemberRegistration Registration { get; }

    /// <summary>GenerateNotice.</summary>
    public NoticeIssuance Notices { get; }

    /// <summary>IssueCertificate.</summary>
    public CertificateIssuance Certificates { get; }

    /// <summary>Re-encryption under the active key.</summary>
    public MyNumberRotation Rotation { get; }

    /// <summary>The 資格情報のお知らせ renderer.</summary>
    public NoticeRenderer NoticeRenderer => _noticeRenderer.Value;

    /// <summary>The 資格確認書 renderer.</summary>
    public CertificateRenderer CertificateRenderer => _certificateRenderer.Value;

    /// <summary>
    /// A registered employer (for its 記号), cached for a minute: every row of a submission asks, and an employer's
    /// 記号 changes rarely (a change reaches members with their next registration row).
    /// </summary>
    public async Task<Employer?> FindEmployerAsync(string code, CancellationToken cancellationToken = default)
    {
        var now = Environment.TickCount64;
        if (_employers.TryGetValue(code, out var cached) && now - cached.At < 60_000) return cached.Employer;
        var employer = await Services.Employers.FindAsync(code, cancellationToken).ConfigureAwait(false);
        _employers[code] = (employer, now);
        return employer;
    }

    /// <summary>A staged row, or null.</summary>
    public async Task<StagedRow?> FindStagedRowAsync(string submissionId, int rowNumber, CancellationToken cancellationToken = default)
    {
        var response = await StagedRows.GetEntityIfExistsAsync<StagedRow>(submissionId, StagedRow.KeyFor(rowNumber), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}
