using System.Text;
using System.Text.Json.Nodes;
using Hub.Core.Reminders;
using Hub.Domain.Identifiers;
using Hub.Integration.Tests.Members;
using Hub.Testing;
using Hub.Webhooks;
using Hub.Webhooks.Endpoints;
using Hub.Webhooks.Signing;

namespace Hub.Integration.Tests.Webhooks.Catalog;

/// <summary>
/// One run of the whole function app through the local Functions host on real Azurite, made to send every event type
/// to a real receiver (every message signed and recorded as received), on a simulated day:
/// <list type="number">
/// <item>a CSV through ingestion: two insured persons and a dependant (one with マイナ保険証, two without a card) and a row
/// validation rejects → <c>submission.processed</c> (completed), <c>member.registered</c> (created), <c>notice.issued</c>,
/// <c>certificate.issued</c>, <c>certificate.not_required</c>; a second endpoint answers 410 to it → <c>endpoint.disabled</c>;</item>
/// <item>the same bytes again (duplicate), a file with an unknown column (refused), and a JSON file: a My Number already
/// registered (<c>member.rejected</c> at row 1), a name change (<c>member.registered</c> with changedFields, a reissued notice),
/// a withdrawal (<c>member.withdrawn</c> for the insured person and, with them, the dependant);</item>
/// <item>the daily expiry reminders (an e-certificate expiring within 30 days) → <c>reminder.sent</c> with a letter.</item>
/// </list>
/// </summary>
public sealed class CatalogRunFixture : IAsyncLifetime
{
    /// <summary>The simulated Japan day.</summary>
    public static readonly DateOnly Today = new(2026, 11, 21);

    private static readonly IReadOnlySet<string> Functions = new HashSet<string>
    {
        "IngestSubmission", "FanOutSubmission", "RegisterMember", "GenerateNotice", "IssueCertificate", "DeliverWebhooks", "RetryWebhooks",
        ReminderSweep.ExpiryFunction,
    };

    private AzuriteFixture? _azurite;
    private HubApp? _app;
    private TestReceiver? _insurer;
    private TestReceiver? _gone;

    /// <summary>The insurer's endpoint (subscribed to every type).</summary>
    internal WebhookEndpoint Endpoint { get; private set; } = null!;

    /// <summary>Its secret.</summary>
    internal WebhookSecret Secret { get; private set; } = null!;

    /// <summary>What the insurer's endpoint received, in arrival order (retries included).</summary>
    internal IReadOnlyList<ReceivedRequest> Received { get; private set; } = [];

    /// <summary>The bodies received, one per event id.</summary>
    internal IReadOnlyList<JsonObject> Events { get; private set; } = [];

    /// <summary>The host and handler logs, for failure messages.</summary>
    internal string Logs => _app is null ? "" : _app.HostLog + _app.HandlerLog;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
        _insurer = await TestReceiver.StartAsync();
        _gone = await TestReceiver.StartAsync();
        _gone.DefaultStatus = 410;
        _app = new HubApp(_azurite.Azurite);
        _app.Overrides["Hub__Clock__AsOf"] = Today.ToString("yyyy-MM-dd");
        await _app.StartAsync(Functions);

        using (var ws = WebhookServices.Create(_app.Services))
        {
            (Endpoint, Secret) = await ws.Endpoints.AddAsync(_insurer.Url, EventTypeFilter.All, "catalog test");
            await ws.Endpoints.AddAsync(_gone.Url, EventTypeFilter.Parse(Hub.Core.Events.EventTypes.SubmissionProcessed), "answers 410");
        }

        var employer = MemberTestData.NewEmployerCode();
        await _app.Services.Employers.AddOrUpdateAsync(employer, "カタログ検証株式会社");
        MyNumber a = MemberTestData.NewMyNumber(), b = MemberTestData.NewMyNumber(), child = MemberTestData.NewMyNumber(), wrong = MemberTestData.NewMyNumber();

        // 1. Row 2: e-certificate expiring in 29 days (マイナ保険証, a reminder due); rows 3–4: no card (certificates); row 5: no such date.
        var first = Encoding.UTF8.GetBytes(
            "record_type,action,employer_code,employee_id,name_kanji,name_kana,birth_date,sex,relationship,my_number,qualification_date,card_state,ecert_expiry_date\n" +
            $"insured,enroll,{employer},W001,山田 太郎,ヤマダ タロウ,1985-04-12,1,,{a.RevealDigits()},2026-11-01,registered,2026-12-20\n" +
            $"insured,enroll,{employer},W002,佐藤 花子,サトウ ハナコ,1990-07-07,2,,{b.RevealDigits()},2026-11-01,none,\n" +
            $"dependant,add,{employer},W002,佐藤 一郎,サトウ イチロウ,2016-05-05,1,child,{child.RevealDigits()},2026-11-01,none,\n" +
            $"insured,enroll,{employer},W009,誤記 太郎,ゴキ タロウ,2026-02-30,1,,{wrong.RevealDigits()},2026-11-01,none,\n");
        await _app.UploadAsync(employer, "first.csv", first);
        await _app.RunUntilIdleAsync(TimeSpan.FromMinutes(4));

        // 2. A copy, a refused file, and JSON rows for registration to refuse, update and withdraw.
        await _app.UploadAsync(employer, "first-again.csv", first);
        await _app.UploadAsync(employer, "refused.csv", Encoding.UTF8.GetBytes(
            $"record_type,action,employer_code,employee_id,name_kanji,name_kana,birth_date,favourite_colour\ninsured,enroll,{employer},W010,青木 一,アオキ ハジメ,1970-01-01,blue\n"));
        var second = new JsonArray(
            new JsonObject
            {
                ["record_type"] = "insured", ["action"] = "enroll", ["employer_code"] = employer, ["employee_id"] = "W004",
                ["name_kanji"] = "重複 次郎", ["name_kana"] = "チョウフク ジロウ", ["birth_date"] = "1980-01-01", ["sex"] = "1",
                ["my_number"] = a.RevealDigits(), ["qualification_date"] = "2026-11-01", ["card_state"] = "none",
            },
            new JsonObject
            {
                ["record_type"] = "insured", ["action"] = "update", ["employer_code"] = employer, ["employee_id"] = "W001",
                ["name_kanji"] = "山田 太朗", ["name_kana"] = "ヤマダ タロウ", ["birth_date"] = "1985-04-12",
            },
            new JsonObject
            {
                ["record_type"] = "insured", ["action"] = "withdraw", ["employer_code"] = employer, ["employee_id"] = "W002",
                ["name_kanji"] = "佐藤 花子", ["name_kana"] = "サトウ ハナコ", ["birth_date"] = "1990-07-07", ["loss_date"] = "2026-11-30",
            });
        await _app.UploadAsync(employer, "second.json", Encoding.UTF8.GetBytes(second.ToJsonString()));
        await _app.RunUntilIdleAsync(TimeSpan.FromMinutes(4));

        // 3. The day's expiry reminders, as the timer (or the admin API) would run them.
        var timer = await _app.Host.RunTimerNowAsync(ReminderSweep.ExpiryFunction);
        if (!timer.Succeeded) throw new InvalidOperationException($"{ReminderSweep.ExpiryFunction} failed: {timer.Error}");
        await _app.RunUntilIdleAsync(TimeSpan.FromMinutes(3));

        Received = _insurer.Received;
        Events = Received.GroupBy(r => r.WebhookId).Select(g => JsonNode.Parse(g.First().Body)!.AsObject()).ToList();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_insurer is not null) await _insurer.DisposeAsync();
        if (_gone is not null) await _gone.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
