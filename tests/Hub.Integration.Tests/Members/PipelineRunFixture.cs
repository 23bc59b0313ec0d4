using System.Text.Json;
using Hub.Core.Members;
using Hub.Core.Submissions;
using Hub.Domain.Eligibility;
using Hub.Domain.Identifiers;
using Hub.Domain.Members;
using Hub.Domain.Submissions;
using Hub.LocalHost.Triggers;
using Hub.Testing;

namespace Hub.Integration.Tests.Members;

/// <summary>
/// One end-to-end run of the member pipeline through the local Functions host on real Azurite: a handful of
/// staged rows sent to <c>member-registration</c> as ingestion's fan-out would, run until idle, then a second
/// submission (a name change, a withdrawal and a duplicate My Number), then a CSV uploaded through ingestion.
/// The webhook deliverer is not started, so the dispatches stay countable in <c>webhook-delivery</c>.
/// </summary>
public sealed class PipelineRunFixture : IAsyncLifetime
{
    /// <summary>The functions the run starts.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string> { "IngestSubmission", "FanOutSubmission", "RegisterMember", "GenerateNotice", "IssueCertificate" };

    /// <summary>The simulated day.</summary>
    public static readonly DateOnly Today = new(2026, 11, 21);

    private AzuriteFixture? _azurite;

    /// <summary>The app.</summary>
    public HubApp App { get; private set; } = null!;

    /// <summary>The pipeline over the app's storage (for reading state).</summary>
    public MemberPipeline Pipeline { get; private set; } = null!;

    /// <summary>The employer (also the 記号).</summary>
    public string Employer { get; } = MemberTestData.NewEmployerCode();

    /// <summary>Every My Number used in the run.</summary>
    public List<MyNumber> Numbers { get; } = [];

    /// <summary>The rows of the first submission by name.</summary>
    public Dictionary<string, RegistrationRequest> Rows { get; } = [];

    /// <summary>The records by name.</summary>
    public Dictionary<string, SubmissionRecord> Records { get; } = [];

    /// <summary>The service bus of the app's account.</summary>
    public LocalServiceBus Bus { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _azurite = new AzuriteFixture();
        await _azurite.InitializeAsync();
        App = new HubApp(_azurite.Azurite);
        App.Overrides["Hub__Clock__AsOf"] = Today.ToString("yyyy-MM-dd");
        await App.StartAsync(Functions);
        Pipeline = new MemberPipeline(App.Services);
        Bus = new LocalServiceBus(App.Account);
        await App.Services.Employers.AddOrUpdateAsync(Employer, "エンドツーエンド株式会社");

        var numberA = MemberTestData.NewMyNumber();
        var numberSpouse = MemberTestData.NewMyNumber();
        var numberB = MemberTestData.NewMyNumber();
        var numberC = MemberTestData.NewMyNumber();
        var numberE = MemberTestData.NewMyNumber();
        Numbers.AddRange([numberA, numberSpouse, numberB, numberC, numberE]);

        Records["A"] = MemberTestData.Enroll(Employer, "E001", numberA, row: 2);
        Records["B"] = MemberTestData.Enroll(Employer, "E002", numberB, row: 3) with
        {
            NameKanji = "佐藤 花子", NameKana = "サトウ ハナコ", BirthDate = new DateOnly(1990, 7, 7), Sex = Sex.Female,
            CardState = CardState.None, CardExpiryDate = null, EcertExpiryDate = null,
        };
        Records["B-child"] = MemberTestData.AddDependant(Employer, "E002", null, Relationship.Child, "佐藤 一郎", "サトウ イチロウ", new DateOnly(2016, 5, 5), row: 4) with { Sex = Sex.Male };
        Records["B-spouse"] = MemberTestData.AddDependant(Employer, "E002", numberSpouse, Relationship.Spouse, "佐藤 健", "サトウ ケン", new DateOnly(1988, 2, 2), row: 5) with { Sex = Sex.Male };
        Records["C"] = MemberTestData.Enroll(Employer, "E003", numberC, row: 6) with
        {
            NameKanji = "高齢 一郎", NameKana = "コウレイ イチロウ", BirthDate = new DateOnly(1953, 6, 15),
            CardState = CardState.NotRegistered, CardExpiryDate = null, EcertExpiryDate = null,
            CopayRatio = CopayRatio.TwentyPercent, CopayEffectiveDate = new DateOnly(2024, 8, 1),
        };
        Records["E"] = MemberTestData.Enroll(Employer, "E005", numberE, row: 8) with { NameKanji = "退職 三郎", NameKana = "タイショク サブロウ" };

        // Ingestion refuses two rows of one file with the same My Number, so the duplicate comes in the second file.
        Records["D"] = MemberTestData.Enroll(Employer, "E004", numberA, row: 4) with { NameKanji = "重複 次郎", NameKana = "チョウフク ジロウ" };
        var first = "S1" + Guid.NewGuid().ToString("N")[..12];
        foreach (var (name, record) in Records.Where(r => r.Key != "D"))
            Rows[name] = await StageAsync(first, record);
        // Sent in file order, as fan-out does; the host processes them concurrently.
        foreach (var request in Rows.Values) await SendAsync("member-registration", request);
        await App.RunUntilIdleAsync(TimeSpan.FromMinutes(3));

        var second = "S2" + Guid.NewGuid().ToString("N")[..12];
        var rename = MemberTestData.Update(Records["A"], 2) with { NameKanji = "山田 太朗" };
        var leave = MemberTestData.Withdraw(Records["E"], new DateOnly(2026, 11, 1), 3);
        Rows["A-rename"] = await StageAsync(second, rename);
        Rows["E-leave"] = await StageAsync(second, leave);
        Rows["D"] = await StageAsync(second, Records["D"]);
        await SendAsync("member-registration", Rows["A-rename"]);
        await SendAsync("member-registration", Rows["E-leave"]);
        await SendAsync("member-registration", Rows["D"]);
        await App.RunUntilIdleAsync(TimeSpan.FromMinutes(3));

        // Third, a file uploaded through ingestion (validation, report, staging, fan-out) as an employer does.
        var numberF = MemberTestData.NewMyNumber();
        var numberG = MemberTestData.NewMyNumber();
        Numbers.AddRange([numberF, numberG]);
        var csv = "record_type,action,employer_code,employee_id,name_kanji,name_kana,birth_date,sex,relationship,my_number,qualification_date,card_state,ecert_expiry_date\n" +
                  $"insured,enroll,{Employer},E006,上野 正,ウエノ タダシ,1979-03-03,1,,{numberF.RevealDigits()},2026-11-01,registered,2030-03-03\n" +
                  $"dependant,add,{Employer},E006,上野 桜,ウエノ サクラ,2010-10-10,2,child,{numberG.RevealDigits()},2026-11-01,none,\n";
        await App.UploadAsync(Employer, "uploaded.csv", System.Text.Encoding.UTF8.GetBytes(csv));
        await App.RunUntilIdleAsync(TimeSpan.FromMinutes(3));
    }

    /// <summary>Sends a message body to a queue of the app, as an output binding would.</summary>
    public Task SendAsync<T>(string queue, T message) =>
        Bus.SendAsync(queue, JsonSerializer.SerializeToUtf8Bytes(message, new JsonSerializerOptions(JsonSerializerDefaults.Web)), CancellationToken.None);

    /// <summary>The member id of a named row.</summary>
    public async Task<string> MemberIdOf(string name) =>
        (await Pipeline.FindStagedRowAsync(Rows[name].SubmissionId, Rows[name].RowNumber))!.MemberId!;

    private async Task<RegistrationRequest> StageAsync(string submission, SubmissionRecord record)
    {
        var protector = App.Services.MyNumbers;
        var row = StagedRow.Create(submission, record, record.MyNumber is { } n ? protector.Protect(n) : null,
            record.MyNumber is { } h ? protector.IndexHash(h) : null, App.Services.Clock.GetUtcNow());
        await Pipeline.StagedRows.AddEntityAsync(row);
        return new RegistrationRequest(submission, record.RowNumber, record.EmployerCode);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_azurite is not null) await _azurite.DisposeAsync();
    }
}
