using System.Text;
using Hub.Core.Reminders;
using Hub.Domain.Eligibility;
using Hub.Integration.Tests.Members;

namespace Hub.Integration.Tests.Reminders;

/// <summary>The employer's daily outbox: Japanese CSV that Excel opens safely, and the letters it points to.</summary>
[Collection(ReminderStorageFixture.Collection.Name)]
public sealed class OutboxTests(ReminderStorageFixture fixture)
{
    private static readonly DateOnly Day = new(2027, 3, 1);

    [Fact]
    public async Task The_daily_csv_is_Japanese_utf8_with_bom_one_line_per_reminder_and_neutralises_formulas()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2026, 12, 1));
        // A hostile employee id and name, as a careless or malicious upload might carry them.
        var hostile = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "@SUM(A1)", new DateOnly(2027, 3, 31)) with
        {
            NameKanji = "=HYPERLINK(\"http://example.invalid\",\"x\")", NameKana = "イコール タロウ",
        });
        var handOff = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "00042", new DateOnly(2026, 11, 30)) with { RowNumber = 3 });
        ctx.Clock.SetDay(new DateOnly(2027, 1, 29));
        await ctx.SweepAsync();
        ctx.Clock.SetDay(Day);
        await ctx.SweepAsync();

        var bytes = (await ctx.CsvAsync(Day))!;
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Join(',', ReminderOutbox.Headers.Select(h => $"\"{h}\"")), lines[0]);
        // The member's deadline comes right after the kind of reminder; the reminder's key date is named 通知基準日 and sits with
        // the identifiers, so nobody reads it as a (possibly overdue) deadline. No column is called 期日.
        Assert.Equal(
            "\"送付日\",\"事業所記号\",\"社員番号\",\"加入者ID\",\"記号・番号・枝番\",\"氏名\",\"本人・家族\",\"通知の種類\",\"本人の手続き\",\"手続きの期限\",\"対象日\",\"対象日の内容\",\"保険者の対応\",\"お知らせ文\",\"通知書ファイル\",\"理由コード\",\"通知基準日\",\"イベントID\"",
            lines[0]);
        Assert.DoesNotContain("\"期日\"", lines[0]);

        var rows = lines[1..].Select(Cells).ToDictionary(c => c[3]);
        var h = rows[hostile];
        Assert.Equal("'@SUM(A1)", h[2]);
        Assert.Equal("'=HYPERLINK(\"http://example.invalid\",\"x\")", h[5]);
        Assert.Equal(["2027-03-01", ctx.Employer], h[..2]);
        Assert.Equal(["本人", "電子証明書の有効期限が近づいています", "要", "2027-03-31", "2027-03-31", "電子証明書の有効期限", "お知らせのみ"], h[6..13]);
        Assert.StartsWith("電子証明書の有効期限は2027年3月31日です。", h[13]);
        // The letter's name carries the member's deadline, not the reminder's key date.
        Assert.Equal($"letters/20270301/{hostile}-ECertExpiring-20270331.pdf", h[14]);
        Assert.Equal(["ECertExpiring", "2027-03-01"], h[15..17]);
        Assert.StartsWith("evt_", h[17]);

        var g = rows[handOff];
        Assert.Equal("00042", g[2]); // 社員番号 kept as text, leading zeros included
        Assert.Equal(["不要", "", "2027-02-28", "マイナ保険証として使える期限（猶予期限）", "資格確認書を交付します", "", "GraceEnded", "2027-03-01"],
            [g[8], g[9], g[10], g[11], g[12], g[14], g[15], g[16]]);
        Assert.Contains("資格確認書を交付します", g[13]);

        // The letter the line points to exists where the outbox says.
        var letter = PdfText.Flat(await ctx.DownloadAsync($"outbox/{ctx.Employer}/{h[14]}"));
        Assert.Contains("マイナンバーカードの電子証明書の更新のお願い", letter);
        Assert.Contains("令和9年3月31日", letter);
    }

    [Theory]
    [InlineData("=1+2", "\"'=1+2\"")]
    [InlineData("+81-3-0000", "\"'+81-3-0000\"")]
    [InlineData("-5", "\"'-5\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"' x\"")]
    [InlineData("＝SUM(A1)", "\"'＝SUM(A1)\"")]
    [InlineData("山田 \"太郎\"", "\"山田 \"\"太郎\"\"\"")]
    [InlineData("一行目\r\n二行目", "\"一行目 二行目\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "\"\"")]
    public void Cells_are_quoted_and_formulas_neutralised(string? value, string expected) => Assert.Equal(expected, ExcelCsv.Cell(value));

    [Fact]
    public async Task A_member_whose_name_cannot_be_printed_is_reminded_without_a_letter_and_the_reason_is_recorded()
    {
        var ctx = await fixture.CreateAsync(new DateOnly(2027, 2, 1));
        var id = await ctx.RegisterAsync(ReminderMembers.Insured(ctx.Employer, "N1", new DateOnly(2027, 3, 31)) with
        {
            NameKanji = new string('長', 41), // 氏名 is printed with at most 40 characters
        });
        ctx.Clock.SetDay(Day);
        var sent = Assert.Single((await ctx.SweepAsync()).Sent);
        Assert.Equal((null, "DOC_INVALID_FIELD"), (sent.LetterBlob, sent.LetterError));
        var e = Assert.Single(await ctx.ReminderEventsAsync(id));
        Assert.Equal("DOC_INVALID_FIELD", e.Data["letterError"]!.GetValue<string>());
        Assert.Null(e.Data["letterBlob"]);
        var text = Encoding.UTF8.GetString((await ctx.CsvAsync(Day))!);
        Assert.Contains("（作成できませんでした: DOC_INVALID_FIELD）", text);
    }

    // Splits a line of fully quoted cells.
    private static string[] Cells(string line)
    {
        var cells = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            Assert.Equal('"', line[i]);
            var cell = new StringBuilder();
            for (i++; ; i++)
            {
                if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (line[i] == '"') break;
                else cell.Append(line[i]);
            }
            cells.Add(cell.ToString());
            i += 2; // closing quote and comma
        }
        return [.. cells];
    }
}
