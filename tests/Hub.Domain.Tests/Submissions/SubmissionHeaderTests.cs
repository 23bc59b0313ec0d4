using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public class SubmissionHeaderTests
{
    private static readonly string[] Minimal = ["record_type", "action", "employer_code", "employee_id", "name_kanji", "name_kana", "birth_date"];

    [Fact]
    public void Resolves_canonical_names_in_any_order()
    {
        string[] cells = [.. Minimal.Reverse(), "my_number"];
        var header = SubmissionHeader.Resolve(cells).Header!;
        Assert.Equal(0, header.PositionOf(SubmissionColumn.BirthDate));
        Assert.Equal(6, header.PositionOf(SubmissionColumn.RecordType));
        Assert.Equal(7, header.PositionOf(SubmissionColumn.MyNumber));
        Assert.False(header.Contains(SubmissionColumn.Sex));
        Assert.Equal(-1, header.PositionOf(SubmissionColumn.Sex));
        Assert.Equal(8, header.CellCount);
    }

    [Fact]
    public void Resolves_a_japanese_header()
    {
        string[] cells = ["対象区分", "異動区分", "事業所記号", "社員番号", "氏名", "フリガナ", "生年月日", "性別", "続柄", "個人番号", "資格取得年月日", "マイナンバーカード状況"];
        var resolution = SubmissionHeader.Resolve(cells);
        Assert.True(resolution.IsValid);
        Assert.Empty(resolution.Errors);
        Assert.Equal(9, resolution.Header!.PositionOf(SubmissionColumn.MyNumber));
    }

    [Fact]
    public void Reports_every_missing_column()
    {
        var resolution = SubmissionHeader.Resolve(["record_type", "action", "my_number"]);
        Assert.False(resolution.IsValid);
        var missing = resolution.Errors.Where(e => e.Code == "MISSING_COLUMN").Select(e => e.Column).ToList();
        Assert.Equal(["employer_code", "employee_id", "name_kanji", "name_kana", "birth_date"], missing);
        var error = resolution.Errors.First(e => e.Column == "name_kana");
        Assert.Equal("必須の列「フリガナ」（name_kana）がありません。", error.MessageJa);
        Assert.Equal("Required column name_kana (フリガナ) is missing.", error.MessageEn);
        Assert.Null(error.Row);
    }

    [Fact]
    public void An_unknown_column_refuses_the_file_and_suggests_the_nearest_known_one()
    {
        var resolution = SubmissionHeader.Resolve([.. Minimal, "my_numbr"]);
        Assert.False(resolution.IsValid);
        var error = Assert.Single(resolution.Errors);
        Assert.Equal("UNKNOWN_COLUMN", error.Code);
        Assert.Equal("my_numbr", error.Column);
        Assert.Contains("my_numbr", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("「個人番号」（my_number）の誤りではありませんか", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("Did you mean my_number", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("#", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_column_far_from_any_name_gets_no_suggestion()
    {
        var error = Assert.Single(SubmissionHeader.Resolve([.. Minimal, "部署名"]).Errors);
        Assert.Equal("UNKNOWN_COLUMN", error.Code);
        Assert.DoesNotContain("Did you mean", error.MessageEn, StringComparison.Ordinal);
        Assert.StartsWith("Column '部署名' is not recognised. Remove it", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_columns_and_notes_are_ignored_even_when_repeated()
    {
        var resolution = SubmissionHeader.Resolve([.. Minimal, "#部署", "＃メモ", "備考", "備考", "remarks"]);
        Assert.True(resolution.IsValid);
        Assert.False(resolution.Header!.IsUnnamed(7));
    }

    [Fact]
    public void Two_cells_for_one_column_are_refused()
    {
        var resolution = SubmissionHeader.Resolve([.. Minimal, "個人番号", "my_number", "マイナンバー"]);
        var error = Assert.Single(resolution.Errors);
        Assert.Equal("DUPLICATE_COLUMN", error.Code);
        Assert.Equal("my_number", error.Column);
        Assert.Contains("8, 9, 10", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_header_cells_are_allowed_and_remembered()
    {
        var header = SubmissionHeader.Resolve([.. Minimal, "", null, " "]).Header!;
        Assert.True(header.IsUnnamed(7));
        Assert.True(header.IsUnnamed(8));
        Assert.True(header.IsUnnamed(9));
        Assert.True(header.IsUnnamed(10)); // beyond the header
        Assert.False(header.IsUnnamed(0));
    }

    [Fact]
    public void A_header_without_any_name_means_an_empty_file()
    {
        var error = Assert.Single(SubmissionHeader.Resolve(["", " ", null]).Errors);
        Assert.Equal("FILE_EMPTY", error.Code);
        Assert.Equal("FILE_EMPTY.no_header", error.MessageId);
        Assert.Single(SubmissionHeader.Resolve([]).Errors, e => e.Code == "FILE_EMPTY");
    }

    [Fact]
    public void All_problems_are_reported_together()
    {
        var resolution = SubmissionHeader.Resolve(["record_type", "record_type", "colour", "action"]);
        Assert.Contains(resolution.Errors, e => e.Code == "DUPLICATE_COLUMN");
        Assert.Contains(resolution.Errors, e => e.Code == "UNKNOWN_COLUMN");
        Assert.Equal(5, resolution.Errors.Count(e => e.Code == "MISSING_COLUMN"));
    }

    [Fact]
    public void A_bom_or_odd_width_in_a_header_cell_does_not_matter()
    {
        var resolution = SubmissionHeader.Resolve(["\uFEFFrecord_type", "ＡＣＴＩＯＮ", "Employer Code", "employee-id", " name_kanji ", "name　kana", "BIRTH_DATE"]);
        Assert.True(resolution.IsValid, string.Join("; ", resolution.Errors.Select(e => e.MessageEn)));
    }

    [Fact]
    public void FromColumns_builds_a_header_or_refuses_an_invalid_one()
    {
        var header = SubmissionHeader.FromColumns([SubmissionColumn.RecordType, SubmissionColumn.Action, SubmissionColumn.EmployerCode,
            SubmissionColumn.EmployeeId, SubmissionColumn.NameKanji, SubmissionColumn.NameKana, SubmissionColumn.BirthDate]);
        Assert.Equal(4, header.PositionOf(SubmissionColumn.NameKanji));
        Assert.Throws<ArgumentException>(() => SubmissionHeader.FromColumns([SubmissionColumn.RecordType]));
    }

    [Fact]
    public void A_huge_header_cell_is_an_unknown_column_quoted_short()
    {
        string huge = new('列', 1_000_000);
        var error = Assert.Single(SubmissionHeader.Resolve([.. Minimal, huge]).Errors);
        Assert.Equal("UNKNOWN_COLUMN", error.Code);
        Assert.True(error.MessageJa.Length < 300);
        Assert.EndsWith("…", error.Column, StringComparison.Ordinal);
    }
}
