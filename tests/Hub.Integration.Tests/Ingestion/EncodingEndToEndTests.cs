using Hub.Core.Ingestion.Reading;
using Hub.Core.Ingestion.Tracking;
using Hub.Core.Storage;
using Hub.Core.Submissions;
using Hub.Storage.Tables;

namespace Hub.Integration.Tests.Ingestion;

/// <summary>Every encoding and both syntaxes through the local host, down to the staged names.</summary>
[Collection(IngestionCollection.Name)]
public sealed class EncodingEndToEndTests(IngestionAppFixture app)
{
    public static TheoryData<string, string?, string?, string> Uploads => new()
    {
        { "utf-8", null, null, "detected" },
        { "utf-8-bom", null, null, "bom" },
        { "shift_jis", null, null, "detected" },
        { "shift_jis", "text/csv; charset=Shift_JIS", null, "declared" },
        { "shift_jis", null, "cp932", "declared" },
        { "utf-8", "text/csv; charset=utf-8", null, "declared" },
    };

    [Theory]
    [MemberData(nameof(Uploads))]
    public async Task Each_encoding_is_read_right_and_reported(string encoding, string? contentType, string? charsetMetadata, string howDecided)
    {
        var employer = await app.NewEmployerAsync("ENC");
        var text = TestFiles.Csv(
            TestFiles.Insured(employer, "A1", name: "髙橋 ①郎", kana: "ﾀｶﾊｼ ｲﾁﾛｳ"),
            TestFiles.Dependant(employer, "A1", name: "髙橋 花子", kana: "たかはし はなこ"));
        var bytes = encoding switch
        {
            "shift_jis" => TestFiles.ShiftJis(text),
            "utf-8-bom" => TestFiles.Utf8(text, bom: true),
            _ => TestFiles.Utf8(text),
        };
        var metadata = charsetMetadata is null ? null : new Dictionary<string, string> { [DeclaredCharset.MetadataKey] = charsetMetadata };

        var submission = await app.IngestAsync(employer, "enc.csv", bytes, contentType, metadata);

        Assert.Equal((SubmissionStatus.Completed, 2), (submission.Status, submission.Accepted));
        Assert.Equal(encoding.StartsWith("utf-8", StringComparison.Ordinal) ? "utf-8" : "shift_jis", submission.Encoding);
        var report = await app.ReportAsync(employer, submission.PartitionKey);
        Assert.Equal((submission.Encoding, howDecided), (report.GetProperty("encoding").GetString(), report.GetProperty("encodingSource").GetString()));
        var staged = await StagedAsync(submission.PartitionKey);
        Assert.Equal([("髙橋 ①郎", "タカハシ イチロウ"), ("髙橋 花子", "タカハシ ハナコ")], staged.Select(s => (s.ReadRecord().NameKanji, s.ReadRecord().NameKana)));
    }

    [Fact]
    public async Task A_declaration_wins_so_shift_jis_declared_as_utf8_is_refused_as_encoding_invalid()
    {
        var employer = await app.NewEmployerAsync("ENC");
        var submission = await app.IngestAsync(employer, "wrong.csv", TestFiles.ShiftJis(TestFiles.Csv(TestFiles.Insured(employer, "A1"))), "text/csv; charset=utf-8");
        Assert.Equal((SubmissionStatus.Refused, "ENCODING_INVALID"), (submission.Status, submission.ErrorCodes));
    }

    [Fact]
    public async Task A_json_array_of_objects_is_ingested_like_csv()
    {
        var employer = await app.NewEmployerAsync("JSN");
        var json = $$"""
            [
              {"対象区分": "被保険者", "異動区分": "資格取得", "事業所記号": "{{employer}}", "社員番号": "J1", "氏名": "山田 太郎", "フリガナ": "ヤマダ タロウ",
               "生年月日": "S60.4.1", "性別": "男", "個人番号": {{TestFiles.NewMyNumber()}}, "資格取得年月日": "2026-11-01", "マイナンバーカード状況": "登録済", "#部署": "営業"},
              {"record_type": "dependant", "action": "add", "employer_code": "{{employer}}", "employee_id": "J1", "name_kanji": "山田 一郎", "name_kana": "ヤマダ イチロウ",
               "birth_date": "2016-04-01", "sex": 1, "relationship": "長男", "my_number": "{{TestFiles.NewMyNumber()}}", "qualification_date": "2026-11-01", "card_state": "none"},
              {"record_type": "dependant", "action": "add", "employer_code": "{{employer}}", "employee_id": "J1", "name_kanji": "山田 次郎", "name_kana": "ヤマダ ジロウ",
               "birth_date": "2019-04-01", "sex": 1, "relationship": "次男", "my_number": "12345", "qualification_date": "2026-11-01", "card_state": "none"}
            ]
            """;
        var submission = await app.IngestAsync(employer, "rows.json", TestFiles.Utf8(json), "application/json");
        Assert.Equal((SubmissionStatus.Completed, "json", 3, 2), (submission.Status, submission.Format, submission.Rows, submission.Accepted));
        var report = await app.ReportAsync(employer, submission.PartitionKey);
        var rejected = report.GetProperty("rows")[2];
        Assert.Equal((3, "rejected"), (rejected.GetProperty("row").GetInt32(), rejected.GetProperty("status").GetString()));
        Assert.Equal("MYNUMBER_FORMAT", rejected.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(2, (await app.RegistrationsAsync(submission.PartitionKey)).Count);
        Assert.Equal(new DateOnly(1985, 4, 1), (await StagedAsync(submission.PartitionKey))[0].ReadRecord().BirthDate);
    }

    private async Task<List<StagedRow>> StagedAsync(string submissionId)
    {
        var list = new List<StagedRow>();
        await foreach (var row in app.App.Services.Storage.Table(HubStorage.Tables.StagedRows).QueryAsync<StagedRow>(TableClient.CreateQueryFilter($"PartitionKey eq {submissionId}")))
            list.Add(row);
        return list.OrderBy(r => r.RowNumber).ToList();
    }
}
