using Hub.Core.Configuration;
using Hub.Storage;
using Hub.Storage.Blobs;
using Hub.Storage.Tables;

namespace Hub.Core.Storage;

/// <summary>
/// The hub's storage account (app setting connection <c>HubStorage</c>): every table and container the
/// hub uses is named here, so the infrastructure templates and their consistency tests have one list.
/// </summary>
public sealed class HubStorage
{
    /// <summary>The connection name used by bindings and code.</summary>
    public const string ConnectionName = "HubStorage";

    private readonly TableServiceClient _tables;
    private readonly BlobServiceClient _blobs;

    /// <summary>Storage over a resolved connection.</summary>
    public HubStorage(StorageConnection connection, StorageClientOptions? options = null)
    {
        Connection = connection;
        _tables = connection.CreateTableServiceClient(options);
        _blobs = connection.CreateBlobServiceClient(options);
    }

    /// <summary>Storage from app settings (<c>HubStorage</c> connection string or identity-based <c>HubStorage__*</c>).</summary>
    public static HubStorage FromSettings(Settings settings) =>
        new(StorageConnection.FromSettings(ConnectionName, settings.Reader));

    /// <summary>The connection (for SAS generation and child clients).</summary>
    public StorageConnection Connection { get; }

    /// <summary>A table client.</summary>
    public TableClient Table(string name) => _tables.GetTableClient(name);

    /// <summary>A container client.</summary>
    public BlobContainerClient Container(string name) => _blobs.GetBlobContainerClient(name);

    /// <summary>Creates every table and container if missing (idempotent; Azure's templates create them too).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in Tables.All) await _tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        foreach (var container in Containers.All) await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Table names.</summary>
    public static class Tables
    {
        /// <summary>Registered employers (事業所).</summary>
        public const string Employers = "Employers";

        /// <summary>Submissions: one entity per uploaded file version, plus content-hash index entries.</summary>
        public const string Submissions = "Submissions";

        /// <summary>Accepted rows awaiting registration (My Number encrypted), per submission.</summary>
        public const string StagedRows = "StagedRows";

        /// <summary>Members: state, timeline and outbox events, one partition per member.</summary>
        public const string Members = "Members";

        /// <summary>Keyed-hash index of My Numbers → member (uniqueness across members).</summary>
        public const string MyNumberIndex = "MyNumberIndex";

        /// <summary>Per-employer counters (被保険者番号) and other sequences.</summary>
        public const string Counters = "Counters";

        /// <summary>Webhook endpoints (secrets encrypted).</summary>
        public const string WebhookEndpoints = "WebhookEndpoints";

        /// <summary>Webhook deliveries per event and endpoint, with attempts.</summary>
        public const string WebhookDeliveries = "WebhookDeliveries";

        /// <summary>Due webhook retries indexed by time.</summary>
        public const string WebhookSchedule = "WebhookSchedule";

        /// <summary>Members indexed by their next reminder/action date.</summary>
        public const string ActionIndex = "ActionIndex";

        /// <summary>
        /// The employers' daily reminder outbox lines (partition <c>{yyyyMMdd}-{employerCode}</c>) and the sweeps' journal of
        /// pending operations (partition <c>~pending</c>). The exactly-once ledger entries themselves (member, reason, due
        /// date) live in the member's partition of <see cref="Members"/>, so a reminder and its ledger entry commit together.
        /// </summary>
        public const string ReminderLedger = "ReminderLedger";

        /// <summary>What happened to submissions and members (no personal data).</summary>
        public const string AuditLog = "AuditLog";

        /// <summary>Every access to a decrypted My Number: who, which function, why, when.</summary>
        public const string AccessLog = "AccessLog";

        /// <summary>All tables.</summary>
        public static readonly IReadOnlyList<string> All =
        [
            Employers, Submissions, StagedRows, Members, MyNumberIndex, Counters, WebhookEndpoints,
            WebhookDeliveries, WebhookSchedule, ActionIndex, ReminderLedger, AuditLog, AccessLog,
        ];
    }

    /// <summary>Container names.</summary>
    public static class Containers
    {
        /// <summary>Employer uploads: <c>submissions/{employerCode}/{fileName}</c> (deleted once processed).</summary>
        public const string Submissions = "submissions";

        /// <summary>Result reports: <c>results/{employerCode}/{submissionId}.json|.csv</c>.</summary>
        public const string Results = "results";

        /// <summary>Refused uploads (unknown employer, hostile names) with their report.</summary>
        public const string Quarantine = "quarantine";

        /// <summary>資格情報のお知らせ PDFs: <c>notices/{employerCode}/{memberId}/{noticeId}.pdf</c>.</summary>
        public const string Notices = "notices";

        /// <summary>資格確認書 PDFs: <c>certificates/{employerCode}/{memberId}/{certificateId}.pdf</c>.</summary>
        public const string Certificates = "certificates";

        /// <summary>Daily employer outboxes: <c>outbox/{employerCode}/{yyyyMMdd}-reminders.csv</c> and reminder letters.</summary>
        public const string Outbox = "outbox";

        /// <summary>All containers.</summary>
        public static readonly IReadOnlyList<string> All = [Submissions, Results, Quarantine, Notices, Certificates, Outbox];
    }
}
