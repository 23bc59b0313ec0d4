using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Submissions;

public class SubmissionRowValidatorTests
{
    private static void AssertSingle(TestRow row, string code, string? column, string? messageId = null)
    {
        var result = row.Validate();
        Assert.False(result.IsAccepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(column, error.Column);
        Assert.Equal(2, error.Row);
        if (messageId is not null)
        {
            Assert.Equal(messageId, error.MessageId);
        }

        Assert.False(string.IsNullOrWhiteSpace(error.MessageJa));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }

    [Fact]
    public void The_base_rows_are_valid()
    {
        foreach (var (type, action) in SubmissionColumnDefinition.Combinations)
        {
            TestRow.For(type, action).Accepted();
        }
    }

    [Fact]
    public void An_accepted_row_becomes_a_normalised_record()
    {
        var record = TestRow.InsuredEnroll()
            .Set("record_type", "被保険者").Set("action", "資格取得").Set("employer_code", " ｅ０００１ ").Set("employee_id", "Ａ１００")
            .Set("name_kanji", "　山田　　太郎　").Set("name_kana", "ﾔﾏﾀﾞ ﾀﾛｳ").Set("birth_date", "昭和60年4月1日").Set("sex", "男")
            .Set("my_number", "１２３４－５６７８－９０１８").Set("qualification_date", "R8.4.1").Set("card_state", "登録済")
            .Set("insured_number", "000123").Set("branch_number", "1").Set("card_issue_date", "2022/6/15")
            .Set("certificate_request", "はい").Set("certificate_request_reason", "要介護").Set("relationship", "本人")
            .Accepted();

        Assert.Equal(RecordType.Insured, record.RecordType);
        Assert.Equal(SubmissionAction.Enroll, record.Action);
        Assert.Equal("E0001", record.EmployerCode);
        Assert.Equal("A100", record.EmployeeId);
        Assert.Equal("山田 太郎", record.NameKanji);
        Assert.Equal("ヤマダ タロウ", record.NameKana);
        Assert.Equal(new DateOnly(1985, 4, 1), record.BirthDate);
        Assert.Equal(Sex.Male, record.Sex);
        Assert.Equal(MyNumber.Parse(TestRow.Number1), record.MyNumber);
        Assert.Equal(new DateOnly(2026, 4, 1), record.QualificationDate);
        Assert.Equal(CardState.Registered, record.CardState);
        Assert.Equal("123", record.InsuredNumber);
        Assert.Equal("01", record.BranchNumber);
        Assert.Equal(new DateOnly(2022, 6, 15), record.CardIssueDate);
        Assert.True(record.CertificateRequested);
        Assert.Equal(CertificateRequestReason.CareNeeds, record.CertificateRequestReason);
        Assert.Equal(Relationship.Self, record.Relationship);
        Assert.Null(record.LossDate);
        Assert.Null(record.CardExpiryDate);
        Assert.Null(record.CopayRatio);
        Assert.Equal(new InsuredReference("E0001", "A100", "123"), record.InsuredReference);
        Assert.Equal(2, record.RowNumber);
    }

    [Fact]
    public void Printing_a_record_never_shows_the_my_number()
    {
        var record = TestRow.InsuredEnroll().Accepted();
        string printed = record.ToString();
        Assert.DoesNotContain(TestRow.Number1, printed, StringComparison.Ordinal);
        Assert.Contains("********9018", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialising_a_record_as_json_never_shows_the_my_number()
    {
        var record = TestRow.InsuredEnroll().Accepted();
        string json = System.Text.Json.JsonSerializer.Serialize(record);
        Assert.DoesNotContain(TestRow.Number1, json, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", json, StringComparison.Ordinal);
        Assert.Contains("\"Last4\":\"9018\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_a_row_is_reported_in_column_order()
    {
        var result = TestRow.InsuredEnroll()
            .Set("card_state", "maybe").Set("my_number", "123456789017").Set("sex", "X").Set("name_kana", "yamada")
            .Set("birth_date", "2024-02-30").Set("employer_code", "E0002").Set("qualification_date", "").Validate();
        Assert.Equal(
            ["EMPLOYER_MISMATCH", "KANA_INVALID", "DATE_INVALID", "SEX_INVALID", "MYNUMBER_CHECK_DIGIT", "REQUIRED", "VALUE_INVALID"],
            result.Errors.Select(e => e.Code));
        Assert.Equal(
            ["employer_code", "name_kana", "birth_date", "sex", "my_number", "qualification_date", "card_state"],
            result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal(2, e.Row));
    }

    // ---- My Number ----

    [Fact]
    public void MYNUMBER_FORMAT_counts_the_digits_but_never_quotes_them()
    {
        var error = TestRow.InsuredEnroll().Set("my_number", "12345678901").SingleError();
        Assert.Equal("MYNUMBER_FORMAT", error.Code);
        Assert.Contains("11", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("found 11", error.MessageEn, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678901", error.MessageJa + error.MessageEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.23457E+11")]
    [InlineData("12345678901x")]
    [InlineData("なし")]
    public void MYNUMBER_FORMAT_for_other_characters(string value)
    {
        var error = TestRow.InsuredEnroll().Set("my_number", value).SingleError();
        Assert.Equal("MYNUMBER_FORMAT", error.Code);
        Assert.Equal("MYNUMBER_FORMAT.characters", error.MessageId);
    }

    [Fact]
    public void MYNUMBER_CHECK_DIGIT_never_quotes_the_number()
    {
        var error = TestRow.InsuredEnroll().Set("my_number", "1234-5678-9017").SingleError();
        Assert.Equal("MYNUMBER_CHECK_DIGIT", error.Code);
        Assert.Equal("my_number", error.Column);
        Assert.DoesNotContain("9017", error.MessageJa + error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_my_number_asks_for_the_number_or_the_reason()
    {
        var error = TestRow.InsuredEnroll().Set("my_number", "").SingleError();
        Assert.Equal("REQUIRED", error.Code);
        Assert.Equal("REQUIRED.my_number", error.MessageId);
        Assert.Contains("no_my_number_reason", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_without_an_assigned_number_is_accepted_with_a_reason()
    {
        var record = TestRow.DependantAdd().Set("my_number", "").Set("no_my_number_reason", "海外出生").Accepted();
        Assert.Null(record.MyNumber);
        Assert.Equal(NoMyNumberReason.BornAbroad, record.NoMyNumberReason);
    }

    [Fact]
    public void A_reason_next_to_a_number_does_not_apply()
    {
        AssertSingle(TestRow.DependantAdd().Set("no_my_number_reason", "born_abroad"), "FIELD_NOT_APPLICABLE", "no_my_number_reason", "FIELD_NOT_APPLICABLE.reason_with_number");
    }

    [Fact]
    public void Without_a_number_there_is_no_card()
    {
        AssertSingle(TestRow.DependantAdd().Set("my_number", "").Set("no_my_number_reason", "born_abroad").Set("card_state", "registered"),
            "VALUE_INVALID", "card_state", "VALUE_INVALID.card_without_my_number");
    }

    // ---- Required, too long, not applicable ----

    public static TheoryData<RecordType, SubmissionAction, string> RequiredCells()
    {
        var data = new TheoryData<RecordType, SubmissionAction, string>();
        foreach (var (type, action) in SubmissionColumnDefinition.Combinations)
        {
            foreach (var d in SubmissionColumnCatalog.All.Where(d => d.UseFor(type, action) == ColumnUse.Required))
            {
                data.Add(type, action, d.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredCells))]
    public void Each_required_cell_left_empty_is_REQUIRED(RecordType type, SubmissionAction action, string column)
    {
        var error = TestRow.For(type, action).Set(column, " \u3000 ").SingleError();
        Assert.Equal("REQUIRED", error.Code);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public void A_required_column_absent_from_the_header_is_REQUIRED_on_each_row_that_needs_it()
    {
        AssertSingle(TestRow.InsuredEnroll().Without("qualification_date"), "REQUIRED", "qualification_date");
        TestRow.InsuredUpdate().Accepted(); // update rows do not need it
    }

    [Theory]
    [InlineData("name_kanji", 41)]
    [InlineData("name_kana", 61)]
    [InlineData("employee_id", 33)]
    [InlineData("employer_code", 17)]
    [InlineData("insured_number", 11)]
    [InlineData("branch_number", 3)]
    [InlineData("birth_date", 41)]
    [InlineData("sex", 11)]
    public void FIELD_TOO_LONG_states_the_limit_and_the_length(string column, int length)
    {
        string value = column == "name_kana" ? new string('ア', length) : column is "insured_number" or "branch_number" ? new string('1', length) : new string('A', length);
        var error = TestRow.InsuredEnroll().Set(column, value).SingleError();
        Assert.Equal("FIELD_TOO_LONG", error.Code);
        Assert.Equal(column, error.Column);
        Assert.Contains($"({length}", error.MessageEn.Replace("found ", "(", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_cells_are_refused_as_too_long_in_every_kind_of_column()
    {
        string huge = new('1', 1_000_000);
        foreach (string column in new[] { "my_number", "birth_date", "card_state", "name_kana", "employee_id" })
        {
            var error = TestRow.InsuredEnroll().Set(column, huge).SingleError();
            Assert.Equal("FIELD_TOO_LONG", error.Code);
            Assert.True(error.MessageEn.Length < 200);
        }
    }

    [Fact]
    public void Length_is_measured_after_normalisation()
    {
        // 43 characters with surrounding spaces, 40 without; half-width kana compose (ｶﾞ is one character).
        TestRow.InsuredEnroll().Set("name_kanji", " " + new string('山', 40) + "  ").Accepted();
        TestRow.InsuredEnroll().Set("name_kana", string.Concat(Enumerable.Repeat("ｶﾞ", 60))).Accepted();
    }

    [Theory]
    [InlineData("name_kanji", '山', 40)] // 資格情報のお知らせ, 資格確認書 and the reminder letter print at most 40
    [InlineData("name_kana", 'ア', 60)]  // 資格情報のお知らせ prints at most 60
    public void Printed_names_are_limited_to_what_the_documents_hold(string column, char c, int limit)
    {
        Assert.Equal(limit, SubmissionColumnCatalog.All.Single(d => d.Name == column).MaxLength);
        Assert.True(SubmissionColumnCatalog.All.Single(d => d.Name == column).Printed);
        TestRow.InsuredEnroll().Set(column, new string(c, limit)).Accepted();

        var error = TestRow.InsuredEnroll().Set(column, new string(c, limit + 1)).SingleError();
        Assert.Equal(("FIELD_TOO_LONG", "FIELD_TOO_LONG.printed", column), (error.Code, error.MessageId, error.Column));
        Assert.Contains($"{limit}文字以内", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains($"（{limit + 1}文字あります）", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("資格確認書に印字できる", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains($"at most {limit} characters (found {limit + 1})", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_printed_columns_get_the_printed_message()
    {
        Assert.Equal(["name_kanji", "name_kana"], SubmissionColumnCatalog.All.Where(d => d.Printed).Select(d => d.Name));
        var error = TestRow.InsuredEnroll().Set("employee_id", new string('A', 33)).SingleError();
        Assert.Equal("FIELD_TOO_LONG", error.MessageId);
    }

    [Theory]
    [InlineData("loss_date", "2026-10-01")]
    public void FIELD_NOT_APPLICABLE_names_the_record_type_and_action(string column, string value)
    {
        var error = TestRow.InsuredEnroll().Set(column, value).SingleError();
        Assert.Equal("FIELD_NOT_APPLICABLE", error.Code);
        Assert.Equal("資格喪失年月日", error.MessageJa[(error.MessageJa.IndexOf("では", StringComparison.Ordinal) + 2)..error.MessageJa.IndexOf("は入力", StringComparison.Ordinal)]);
        Assert.Contains("被保険者・資格取得", error.MessageJa, StringComparison.Ordinal);
        Assert.Equal("loss_date must be empty when record_type/action is insured/enroll.", error.MessageEn);
    }

    [Fact]
    public void Card_dates_do_not_apply_without_a_card()
    {
        var result = TestRow.DependantAdd().Set("card_issue_date", "2020-01-01").Set("card_expiry_date", "2030-01-01").Validate();
        Assert.Equal(["card_issue_date", "card_expiry_date"], result.Errors.Select(e => e.Column));
        Assert.All(result.Errors, e => Assert.Equal("FIELD_NOT_APPLICABLE.card_dates_without_card", e.MessageId));
    }

    // ---- Record type, action ----

    [Fact]
    public void RECORD_TYPE_INVALID_lists_the_allowed_values()
    {
        var error = TestRow.InsuredEnroll().Set("record_type", "employee").SingleError();
        Assert.Equal("RECORD_TYPE_INVALID", error.Code);
        Assert.Contains("insured(被保険者)", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("'employee'", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_unknown_record_type_only_that_is_reported()
    {
        // Type-dependent rules (required columns, relationship) cannot be applied, so they are not guessed at.
        var error = TestRow.InsuredEnroll().Set("record_type", "x").Set("qualification_date", "").Set("relationship", "子").SingleError();
        Assert.Equal("RECORD_TYPE_INVALID", error.Code);
    }

    [Theory]
    [InlineData("insured", "該当", "ACTION_INVALID.for_record_type")]
    [InlineData("dependant", "資格取得", "ACTION_INVALID.for_record_type")]
    [InlineData("insured", "hire", "ACTION_INVALID")]
    public void ACTION_INVALID_says_which_actions_fit_the_record_type(string recordType, string action, string messageId)
    {
        var row = recordType == "insured" ? TestRow.InsuredEnroll() : TestRow.DependantAdd();
        var error = row.Set("action", action).SingleError();
        Assert.Equal("ACTION_INVALID", error.Code);
        Assert.Equal(messageId, error.MessageId);
        string allowed = recordType == "insured" ? "enroll(資格取得)" : "add(該当)";
        Assert.Contains(allowed, error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_unknown_record_type_an_action_of_either_type_is_not_blamed()
    {
        var error = TestRow.InsuredEnroll().Set("record_type", "?").Set("action", "非該当").SingleError();
        Assert.Equal("RECORD_TYPE_INVALID", error.Code);
        var both = TestRow.InsuredEnroll().Set("record_type", "?").Set("action", "fire").Validate();
        Assert.Equal(["RECORD_TYPE_INVALID", "ACTION_INVALID"], both.Errors.Select(e => e.Code));
        Assert.Contains("被保険者:", both.Errors[1].MessageJa, StringComparison.Ordinal);
    }

    // ---- Sex, relationship, kana, text ----

    [Theory]
    [InlineData("X")]
    [InlineData("3")]
    [InlineData("男女")]
    public void SEX_INVALID(string value)
    {
        var error = TestRow.InsuredEnroll().Set("sex", value).SingleError();
        Assert.Equal("SEX_INVALID", error.Code);
        Assert.Contains($"「{value}」", error.MessageJa, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dependant", "犬", "RELATIONSHIP_INVALID")]
    [InlineData("dependant", "本人", "RELATIONSHIP_INVALID.self_for_dependant")]
    [InlineData("insured", "妻", "RELATIONSHIP_INVALID.insured")]
    public void RELATIONSHIP_INVALID(string recordType, string value, string messageId)
    {
        var row = recordType == "insured" ? TestRow.InsuredEnroll() : TestRow.DependantAdd();
        AssertSingle(row.Set("relationship", value), "RELATIONSHIP_INVALID", "relationship", messageId);
    }

    [Theory]
    [InlineData("配偶者", Relationship.Spouse)]
    [InlineData("妻", Relationship.Spouse)]
    [InlineData("長女", Relationship.Child)]
    [InlineData("祖母", Relationship.Grandparent)]
    [InlineData("義父", Relationship.Other)]
    [InlineData("grandchild", Relationship.Grandchild)]
    public void Relationships_are_read_into_stable_codes(string value, Relationship expected)
    {
        Assert.Equal(expected, TestRow.DependantAdd().Set("relationship", value).Accepted().Relationship);
    }

    [Theory]
    [InlineData("yamada", "yamd")]
    [InlineData("山田 太郎", "山田太郎")]
    [InlineData("ヤマダ-タロウ", "-")]
    [InlineData("ｱﾞｲ", "゛")]
    public void KANA_INVALID_names_the_offending_characters(string value, string chars)
    {
        var error = TestRow.InsuredEnroll().Set("name_kana", value).SingleError();
        Assert.Equal("KANA_INVALID", error.Code);
        Assert.Contains($"「{chars}」", error.MessageJa, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("やまだ たろう", "ヤマダ タロウ")]
    [InlineData("ﾔﾏﾀﾞ　ﾀﾛｳ", "ヤマダ タロウ")]
    [InlineData("ｳﾞｨｸﾄﾙ･ﾕｰｺﾞｰ", "ヴィクトル・ユーゴー")]
    public void Kana_is_accepted_in_hiragana_and_half_width(string value, string expected)
    {
        Assert.Equal(expected, TestRow.InsuredEnroll().Set("name_kana", value).Accepted().NameKana);
    }

    [Fact]
    public void Control_characters_in_text_are_VALUE_INVALID()
    {
        AssertSingle(TestRow.InsuredEnroll().Set("name_kanji", "山田\u0000太郎"), "VALUE_INVALID", "name_kanji", "VALUE_INVALID.control_characters");
    }

    [Theory]
    [InlineData("name_kanji", "山田\u202E太郎")] // right-to-left override: would display the report line reordered
    [InlineData("name_kanji", "山田\u200D太郎")] // zero-width joiner (a zero-width space or BOM is normalised away as a space)
    [InlineData("employee_id", "A1\u2066")]     // left-to-right isolate
    public void Invisible_formatting_characters_in_text_are_VALUE_INVALID(string column, string value)
    {
        AssertSingle(TestRow.InsuredEnroll().Set(column, value), "VALUE_INVALID", column, "VALUE_INVALID.control_characters");
    }

    [Theory]
    [InlineData("山\uE000田 太郎")] // CP932 user-defined area (外字, 0xF040)
    [InlineData("山田 太\uF8F3")]  // CP932's unassigned byte 0xFF
    public void User_defined_characters_in_text_are_VALUE_INVALID(string value)
    {
        var error = TestRow.InsuredEnroll().Set("name_kanji", value).SingleError();
        Assert.Equal(("VALUE_INVALID", "VALUE_INVALID.private_use", "name_kanji"), (error.Code, error.MessageId, error.Column));
        Assert.Contains("外字", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_values_lose_formatting_characters_too()
    {
        Assert.Equal("abc?d?", SubmissionErrorCatalog.Quote("abc\u202Ed\u200B"));
    }

    [Theory]
    [InlineData("insured_number", "12-34")]
    [InlineData("branch_number", "A1")]
    public void Digit_columns_refuse_other_characters(string column, string value)
    {
        AssertSingle(TestRow.InsuredEnroll().Set(column, value), "VALUE_INVALID", column, "VALUE_INVALID.digits");
    }

    [Fact]
    public void Code_lists_refuse_unknown_values_with_the_allowed_list()
    {
        var error = TestRow.InsuredEnroll().Set("card_state", "持ってる").SingleError();
        Assert.Equal("VALUE_INVALID", error.Code);
        Assert.Contains("not_registered(保険証利用登録なし)", error.MessageJa, StringComparison.Ordinal);
    }

    // ---- Dates ----

    [Theory]
    [InlineData("2024-02-30", "DATE_INVALID", "DATE_INVALID.no_such_day")]
    [InlineData("someday", "DATE_INVALID", "DATE_INVALID")]
    [InlineData("平成1年1月7日", "ERA_INVALID", "ERA_INVALID")]
    [InlineData("8011001", "ERA_INVALID", "ERA_INVALID.unknown_code")]
    public void Date_errors(string value, string code, string messageId)
    {
        AssertSingle(TestRow.InsuredEnroll().Set("birth_date", value), code, "birth_date", messageId);
    }

    [Fact]
    public void ERA_INVALID_states_the_eras_range()
    {
        var error = TestRow.InsuredEnroll().Set("birth_date", "平成1年1月7日").SingleError();
        Assert.Equal("生年月日「平成1年1月7日」は平成の期間外です（平成は1989年1月8日から2019年4月30日まで）。", error.MessageJa);
        Assert.Equal("birth_date '平成1年1月7日' is outside the Heisei era (1989-01-08 to 2019-04-30).", error.MessageEn);
        var reiwa = TestRow.InsuredEnroll().Set("qualification_date", "令和1年4月30日").SingleError();
        Assert.Contains("令和は2019年5月1日から", reiwa.MessageJa, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("birth_date", "2026-11-22", "DATE_OUT_OF_RANGE.future_birth")]
    [InlineData("birth_date", "1875-11-21", "DATE_OUT_OF_RANGE.too_old")] // 151 today
    [InlineData("qualification_date", "1985-03-31", "DATE_OUT_OF_RANGE.before_birth")]
    [InlineData("qualification_date", "2027-11-23", "DATE_OUT_OF_RANGE.too_far_future")]
    [InlineData("card_issue_date", "2015-12-31", "DATE_OUT_OF_RANGE.before_card_start")]
    [InlineData("card_issue_date", "2026-11-22", "DATE_OUT_OF_RANGE.future")]
    [InlineData("card_expiry_date", "2037-11-22", "DATE_OUT_OF_RANGE.too_far_future")]
    [InlineData("ecert_expiry_date", "2032-11-22", "DATE_OUT_OF_RANGE.too_far_future")]
    [InlineData("departure_date", "1985-03-31", "DATE_OUT_OF_RANGE.before_birth")]
    public void DATE_OUT_OF_RANGE_for_implausible_dates(string column, string value, string messageId)
    {
        var row = TestRow.InsuredEnroll().Set(column, value);
        if (column == "departure_date")
        {
            row.Set("nationality", "japanese");
        }

        AssertSingle(row, "DATE_OUT_OF_RANGE", column, messageId);
    }

    [Theory]
    [InlineData("birth_date", "2026-11-21")] // born today
    [InlineData("birth_date", "1876-11-21")] // 150 today
    [InlineData("birth_date", "1875-11-22")] // 150, turns 151 tomorrow
    [InlineData("qualification_date", "1985-04-01")] // on the birthday
    [InlineData("qualification_date", "2027-11-22")] // today + 366 days
    [InlineData("card_issue_date", "2016-01-01")]
    [InlineData("card_issue_date", "2026-11-21")]
    [InlineData("card_expiry_date", "2037-11-21")]
    [InlineData("ecert_expiry_date", "2032-11-21")]
    public void Boundaries_of_the_plausible_are_accepted(string column, string value)
    {
        var row = TestRow.InsuredEnroll().Set(column, value);
        if (column == "birth_date" && value == "2026-11-21")
        {
            row.Set("qualification_date", "2026-11-21");
        }

        if (column == "birth_date" && value.StartsWith("187", StringComparison.Ordinal))
        {
            row.Set("card_state", "none");
        }

        row.Accepted();
    }

    [Theory]
    [InlineData("qualification_date", "R9.11.23", "2027年11月23日", "2027-11-23", "2027年11月22日", "2027-11-22")] // today + 367 days, written as 和暦
    [InlineData("departure_date", "20271201", "2027年12月1日", "2027-12-01", "2027年11月22日", "2027-11-22")]
    [InlineData("ecert_expiry_date", "2032/11/22", "2032年11月22日", "2032-11-22", "2032年11月21日", "2032-11-21")] // today + 6 years
    public void Too_far_in_the_future_quotes_the_date_as_read_and_the_limit(string column, string cell, string valueJa, string valueEn, string limitJa, string limitEn)
    {
        var row = TestRow.InsuredEnroll().Set(column, cell);
        if (column == "departure_date") row.Set("nationality", "japanese");
        var error = row.SingleError();
        Assert.Equal("DATE_OUT_OF_RANGE.too_far_future", error.MessageId);
        var label = SubmissionColumnCatalog.All.Single(d => d.Name == column).LabelJa;
        Assert.Equal($"{label}「{valueJa}」は{limitJa}より後の日付にできません。", error.MessageJa);
        Assert.Equal($"{column} '{valueEn}' cannot be later than {limitEn}.", error.MessageEn);
    }

    [Fact]
    public void The_submission_window_is_366_days_by_default()
    {
        Assert.Equal(366, SubmissionValidationOptions.Default.FutureWindowDays);
    }

    [Fact]
    public void Loss_may_not_precede_qualification_but_may_equal_it()
    {
        AssertSingle(TestRow.InsuredWithdraw().Set("qualification_date", "2026-04-01").Set("loss_date", "2026-03-31"),
            "DATE_OUT_OF_RANGE", "loss_date", "DATE_OUT_OF_RANGE.loss_before_qualification");
        TestRow.InsuredWithdraw().Set("qualification_date", "2026-04-01").Set("loss_date", "2026-04-01").Accepted();
        AssertSingle(TestRow.InsuredWithdraw().Set("loss_date", "1985-03-31"), "DATE_OUT_OF_RANGE", "loss_date", "DATE_OUT_OF_RANGE.before_birth");
        AssertSingle(TestRow.InsuredWithdraw().Set("loss_date", "2027-11-23"), "DATE_OUT_OF_RANGE", "loss_date", "DATE_OUT_OF_RANGE.too_far_future");
    }

    [Fact]
    public void A_wrong_birth_date_does_not_cascade_into_the_dates_compared_with_it()
    {
        var result = TestRow.InsuredEnroll().Set("birth_date", "2030-01-01").Set("qualification_date", "2026-04-01").Validate();
        Assert.Equal("DATE_OUT_OF_RANGE.future_birth", Assert.Single(result.Errors).MessageId);
    }

    [Fact]
    public void Card_expiries_are_checked_against_the_issue_date_and_each_other()
    {
        var row = () => TestRow.InsuredEnroll().Set("card_issue_date", "2020-06-01");
        AssertSingle(row().Set("card_expiry_date", "2020-06-01"), "DATE_OUT_OF_RANGE", "card_expiry_date", "DATE_OUT_OF_RANGE.expiry_not_after_issue");
        AssertSingle(row().Set("card_expiry_date", "2031-06-02"), "DATE_OUT_OF_RANGE", "card_expiry_date", "DATE_OUT_OF_RANGE.expiry_too_late");
        row().Set("card_expiry_date", "2031-06-01").Accepted();
        AssertSingle(row().Set("ecert_expiry_date", "2026-06-02"), "DATE_OUT_OF_RANGE", "ecert_expiry_date", "DATE_OUT_OF_RANGE.expiry_too_late");
        row().Set("ecert_expiry_date", "2026-06-01").Accepted();
        AssertSingle(row().Set("card_expiry_date", "2030-01-01").Set("ecert_expiry_date", "2030-01-02"), "DATE_OUT_OF_RANGE", "ecert_expiry_date", "DATE_OUT_OF_RANGE.expiry_too_late");
        AssertSingle(TestRow.InsuredEnroll().Set("card_expiry_date", "2027-01-01").Set("ecert_expiry_date", "2027-01-02"),
            "DATE_OUT_OF_RANGE", "ecert_expiry_date", "DATE_OUT_OF_RANGE.ecert_after_card");
        AssertSingle(TestRow.InsuredEnroll().Set("card_expiry_date", "2015-12-31"), "DATE_OUT_OF_RANGE", "card_expiry_date", "DATE_OUT_OF_RANGE.before_card_start");
        AssertSingle(row().Set("card_issue_date", "1985-01-01").Set("birth_date", "1985-04-01"), "DATE_OUT_OF_RANGE", "card_issue_date", "DATE_OUT_OF_RANGE.before_card_start");
        AssertSingle(TestRow.DependantAdd().Set("card_state", "registered").Set("card_issue_date", "2016-05-01").Set("birth_date", "2016-06-01"),
            "DATE_OUT_OF_RANGE", "card_issue_date", "DATE_OUT_OF_RANGE.before_birth");
    }

    [Fact]
    public void An_expired_card_is_a_fact_not_an_error()
    {
        var record = TestRow.InsuredEnroll().Set("card_expiry_date", "2025-01-31").Set("ecert_expiry_date", "2024-03-31").Accepted();
        Assert.Equal(new DateOnly(2024, 3, 31), record.EcertExpiryDate);
    }

    // ---- Overseas, certificate, copay ----

    [Fact]
    public void A_planned_departure_needs_the_nationality()
    {
        AssertSingle(TestRow.InsuredEnroll().Set("departure_date", "2027-01-15"), "REQUIRED", "nationality", "REQUIRED.nationality_for_departure");
        var record = TestRow.InsuredEnroll().Set("departure_date", "2027-01-15").Set("nationality", "日本").Set("overseas_continuation_filed", "済").Accepted();
        Assert.Equal(Nationality.Japanese, record.Nationality);
        Assert.True(record.OverseasContinuationFiled);
    }

    [Fact]
    public void Continued_use_abroad_needs_a_departure_date_and_a_japanese_national()
    {
        AssertSingle(TestRow.InsuredEnroll().Set("overseas_continuation_filed", "yes"), "REQUIRED", "departure_date", "REQUIRED.departure_for_continuation");
        AssertSingle(TestRow.InsuredEnroll().Set("overseas_continuation_filed", "yes").Set("departure_date", "2027-01-15").Set("nationality", "外国籍"),
            "VALUE_INVALID", "overseas_continuation_filed", "VALUE_INVALID.foreign_continuation");
        TestRow.InsuredEnroll().Set("overseas_continuation_filed", "no").Set("departure_date", "2027-01-15").Set("nationality", "foreign").Accepted();
    }

    [Fact]
    public void A_certificate_request_needs_a_reason_and_a_reason_needs_a_request()
    {
        AssertSingle(TestRow.InsuredEnroll().Set("certificate_request", "yes"), "REQUIRED", "certificate_request_reason", "REQUIRED.certificate_reason");
        AssertSingle(TestRow.InsuredEnroll().Set("certificate_request_reason", "紛失"), "FIELD_NOT_APPLICABLE", "certificate_request_reason", "FIELD_NOT_APPLICABLE.reason_without_request");
        AssertSingle(TestRow.InsuredEnroll().Set("certificate_request", "no").Set("certificate_request_reason", "紛失"), "FIELD_NOT_APPLICABLE", "certificate_request_reason");
        var record = TestRow.InsuredEnroll().Set("certificate_request", "○").Set("certificate_request_reason", "更新中").Accepted();
        Assert.Equal(CertificateRequestReason.CardRenewal, record.CertificateRequestReason);
    }

    [Theory]
    [InlineData("1956-11-21", null, true)]   // 70 today
    [InlineData("1956-11-22", null, false)]  // 69 today, turns 70 tomorrow
    [InlineData("1951-11-22", null, true)]   // 74 today
    [InlineData("1951-11-21", null, false)]  // 75 today
    [InlineData("1956-12-02", "2026-12-02", true)] // 70 on the effective date
    [InlineData("1956-12-02", "2026-12-01", false)]
    public void A_copay_ratio_applies_only_at_70_to_74(string birth, string? effective, bool accepted)
    {
        var row = TestRow.InsuredEnroll().Set("birth_date", birth).Set("copay_ratio", "2割").Set("qualification_date", "2000-04-01");
        if (effective is not null)
        {
            row.Set("copay_effective_date", effective);
        }

        if (accepted)
        {
            var record = row.Accepted();
            Assert.Equal(CopayRatio.TwentyPercent, record.CopayRatio);
        }
        else
        {
            AssertSingle(row, "VALUE_INVALID", "copay_ratio", "VALUE_INVALID.copay_age");
        }
    }

    [Fact]
    public void An_effective_date_needs_a_ratio()
    {
        AssertSingle(TestRow.InsuredEnroll().Set("copay_effective_date", "2026-12-01"), "REQUIRED", "copay_ratio", "REQUIRED.copay_ratio_for_date");
    }

    // ---- Employer, unnamed cells ----

    [Fact]
    public void EMPLOYER_MISMATCH_names_both_codes()
    {
        var error = TestRow.InsuredEnroll().Set("employer_code", "E0002").SingleError();
        Assert.Equal("EMPLOYER_MISMATCH", error.Code);
        Assert.Contains("「E0002」", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains("(E0001)", error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Employer_codes_compare_after_normalisation_on_both_sides()
    {
        var context = new SubmissionValidationContext("ｅ0001", TestRow.Today, _ => true);
        Assert.Equal("E0001", context.EmployerCode);
        Assert.True(TestRow.InsuredEnroll().Set("employer_code", "e0001").ValidateWith(context).IsAccepted);
        AssertSingle(TestRow.InsuredEnroll().Set("employer_code", "E 0001"), "VALUE_INVALID", "employer_code", "VALUE_INVALID.code_format");
    }

    [Fact]
    public void A_value_under_no_header_is_reported_with_its_position()
    {
        var row = TestRow.InsuredEnroll().Set("", "x");
        var error = row.SingleError();
        Assert.Equal("UNNAMED_COLUMN_VALUE", error.Code);
        Assert.Null(error.Column);
        Assert.Contains($"{row.Header.Count}列目", error.MessageJa, StringComparison.Ordinal);

        var header = SubmissionHeader.Resolve(TestRow.InsuredEnroll().Header).Header!;
        var validator = new SubmissionRowValidator(header, TestRow.Context());
        var result = validator.Validate(5, [.. TestRow.InsuredEnroll().Cells, "", "  ", "extra"]);
        Assert.Equal(5, Assert.Single(result.Errors).Row);
        Assert.Contains("Column 14 ", result.Errors[0].MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_trailing_cells_count_as_empty()
    {
        var header = SubmissionHeader.Resolve([.. TestRow.InsuredUpdate().Header, "sex", "nationality"]).Header!;
        var validator = new SubmissionRowValidator(header, TestRow.Context());
        Assert.True(validator.Validate(2, TestRow.InsuredUpdate().Cells).IsAccepted);
    }

    [Fact]
    public void The_row_validator_alone_makes_no_cross_row_checks()
    {
        var header = SubmissionHeader.Resolve(TestRow.DependantAdd().Header).Header!;
        var validator = new SubmissionRowValidator(header, TestRow.Context());
        Assert.True(validator.Validate(2, TestRow.DependantAdd().Set("employee_id", "NOBODY").Cells).IsAccepted);
        Assert.Same(header, validator.Header);
    }

    [Fact]
    public void One_validator_serves_many_rows_without_leaking_state()
    {
        var header = SubmissionHeader.Resolve(TestRow.InsuredEnroll().Set("loss_date", null).Set("insured_number", null).Header).Header!;
        var validator = new SubmissionRowValidator(header, TestRow.Context());
        var bad = validator.Validate(2, TestRow.InsuredEnroll().Set("loss_date", null).Set("insured_number", "7").Set("sex", "X").Cells);
        Assert.False(bad.IsAccepted);
        var good = validator.Validate(3, TestRow.InsuredEnroll().Set("loss_date", null).Set("insured_number", null).Cells);
        Assert.True(good.IsAccepted);
        Assert.Null(good.Record!.InsuredNumber);
        Assert.Empty(good.Errors);
    }
}
