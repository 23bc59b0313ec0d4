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
