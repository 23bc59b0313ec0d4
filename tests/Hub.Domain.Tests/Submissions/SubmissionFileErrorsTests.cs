using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public class SubmissionFileErrorsTests
{
    [Fact]
    public void File_level_errors_carry_their_codes_and_no_row_or_column()
    {
        foreach (var (error, code) in new[]
        {
            (SubmissionFileErrors.EncodingInvalid(), "ENCODING_INVALID"),
            (SubmissionFileErrors.NoDataRows(), "FILE_EMPTY"),
            (SubmissionFileErrors.NoHeader(), "FILE_EMPTY"),
            (SubmissionFileErrors.FileTooLarge(50L * 1024 * 1024), "FILE_TOO_LARGE"),
            (SubmissionFileErrors.UnsupportedFormat(), "UNSUPPORTED_FORMAT"),
            (SubmissionFileErrors.FileNameInvalid("E0001/sub/a.csv", "サブフォルダ", "sub-folders", 200), "FILE_NAME_INVALID"),
            (SubmissionFileErrors.EmployerNotRegistered("E9999"), "EMPLOYER_NOT_REGISTERED"),
            (SubmissionFileErrors.FileReplaced(), "FILE_REPLACED"),
            (SubmissionFileErrors.ProcessingFailed(5, "S20261121-0123456789abcdef"), "PROCESSING_FAILED"),
        })
        {
            Assert.Equal(code, error.Code);
            Assert.Null(error.Row);
            Assert.Null(error.Column);
            Assert.Equal(SubmissionErrorScope.File, SubmissionErrorCatalog.Get(code).Scope);
        }
    }

    [Fact]
    public void Limits_and_rows_appear_in_the_messages()
    {
        var large = SubmissionFileErrors.FileTooLarge(50L * 1024 * 1024);
        Assert.Equal("ファイルが大きすぎます（上限 50 MB）。ファイルを分割して提出してください。", large.MessageJa);
        var row = SubmissionFileErrors.RowTooLarge(1234, 64 * 1024);
        Assert.Equal(1234, row.Row);
        Assert.Equal("Row 1234 is too large (limit 64 KB); check for an unclosed quote (\").", row.MessageEn);
        var malformed = SubmissionFileErrors.FileMalformed(7, "引用符が閉じていません", "unclosed quote");
        Assert.Equal("The file is malformed near row 7 (unclosed quote).", malformed.MessageEn);
        Assert.Contains("引用符が閉じていません", malformed.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Quarantine_and_failure_messages_say_what_happened_and_what_to_do_in_both_languages()
    {
        var name = SubmissionFileErrors.FileNameInvalid("E0001/bell\u0007" + new string('x', 200) + ".csv", "制御文字", "control characters", 200);
        Assert.DoesNotContain('\u0007', name.MessageEn);
        Assert.Contains("E0001/bell?", name.MessageEn, StringComparison.Ordinal);
        Assert.Contains("(control characters)", name.MessageEn, StringComparison.Ordinal);
        Assert.Contains("（制御文字）", name.MessageJa, StringComparison.Ordinal);
        Assert.Contains("200文字以内", name.MessageJa, StringComparison.Ordinal);
        Assert.True(name.MessageEn.Length < 400);

        var employer = SubmissionFileErrors.EmployerNotRegistered("E9999");
        Assert.Equal("アップロード先のフォルダ「E9999」は登録された事業所ではありません。ファイルは処理せず隔離しました。健保組合にお問い合わせください。", employer.MessageJa);
        Assert.Contains("quarantined", employer.MessageEn, StringComparison.Ordinal);

        var failed = SubmissionFileErrors.ProcessingFailed(5, "S20261121-0123456789abcdef");
        Assert.Contains("5回試行", failed.MessageJa, StringComparison.Ordinal);
        Assert.Contains("S20261121-0123456789abcdef", failed.MessageJa, StringComparison.Ordinal);
        Assert.Contains("(5 attempts)", failed.MessageEn, StringComparison.Ordinal);
        Assert.Contains("no row was registered", SubmissionFileErrors.FileReplaced().MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void The_registration_error_points_at_the_my_number_column()
    {
        var error = SubmissionFileErrors.MyNumberBelongsToOtherMember(12);
        Assert.Equal("MYNUMBER_BELONGS_TO_OTHER_MEMBER", error.Code);
        Assert.Equal(12, error.Row);
        Assert.Equal("my_number", error.Column);
    }

    [Theory]
    [InlineData(512, "512 bytes")]
    [InlineData(1024, "1 KB")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(1024 * 1024, "1 MB")]
    [InlineData(100L * 1024 * 1024, "100 MB")]
    [InlineData(1024 * 1024 + 512 * 1024, "1.5 MB")]
    public void Sizes_read_naturally(long bytes, string expected)
    {
        Assert.Equal(expected, SubmissionFileErrors.FormatBytes(bytes));
    }
}
