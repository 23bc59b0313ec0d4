using Hub.Domain.Eligibility;
using Hub.Domain.Members;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Hub.Domain.Identifiers;
using Hub.Domain.Submissions;

namespace Hub.Domain.Tests.Generators;

/// <summary>
/// Generates valid submission rows (synthetic names, valid My Numbers, every record type and action, every
/// date and text form employers use) together with the record the hub must make of them. Reusable by any
/// test: <see cref="ValidRows"/> for FsCheck, <see cref="Build"/> for one seed, <see cref="BuildFile"/> for many rows.
/// </summary>
public static class SubmissionRowGenerator
{
    private static readonly string[] EmployerCodes = ["E0001", "ABC-12", "K123456", "7000123"];
    private static readonly DateOnly FirstToday = new(2020, 1, 1);
    private static readonly DateOnly CardStart = new(2016, 1, 1);

    /// <summary>Valid rows, one per seed; failures report the seed (replay with <see cref="Build"/>).</summary>
    public static Gen<GeneratedRow> ValidRows { get; } = Gen.Choose(0, int.MaxValue).Select(Build);

    /// <summary>The arbitrary of <see cref="ValidRows"/> (no shrinking: a row is reproduced from its seed).</summary>
    public static Arbitrary<GeneratedRow> ValidRowArbitrary { get; } = ValidRows.ToArbitrary();

    /// <summary>The valid row of one seed, with its own header.</summary>
    public static GeneratedRow Build(int seed)
    {
        var random = new Random(seed);
        var today = FirstToday.AddDays(random.Next(0, 15 * 365));
        string employer = EmployerCodes[random.Next(EmployerCodes.Length)];
        var truth = Truth(random, today, employer, GeneratedRow.RowNumber, "A" + random.Next(0, 100_000).ToString("D5", CultureInfo.InvariantCulture),
            RandomBody(random), inFileInsured: null);
        var header = Header(random, truth.Cells.Keys);
        return new GeneratedRow(seed, today, employer, header.Names, Render(random, header, truth.Cells), truth.Expected, truth.Registered);
    }

    /// <summary>
    /// A valid file: one header (every column) and <paramref name="count"/> rows with distinct employee ids
    /// and My Numbers. Dependants refer either to a registered insured person or to an insured row of the file
    /// that enrols them, so every row is accepted.
    /// </summary>
    public static GeneratedFile BuildFile(int seed, int count)
    {
        var random = new Random(seed);
        var today = FirstToday.AddDays(random.Next(0, 15 * 365));
        string employer = EmployerCodes[random.Next(EmployerCodes.Length)];
        var header = Header(random, SubmissionColumnCatalog.All.Select(d => d.Column).Where(c => c != SubmissionColumn.Note));
        var bodies = new HashSet<long>();
        var registered = new HashSet<string>(StringComparer.Ordinal);
        var enrolling = new List<SubmissionRecord>();
        var rows = new List<GeneratedFileRow>();
        for (int i = 0; i < count; i++)
        {
            long body;
            do
            {
                body = RandomBody(random);
            }
            while (!bodies.Add(body));

            var inFile = enrolling.Count > 0 && random.Next(3) == 0 ? enrolling[random.Next(enrolling.Count)] : null;
            var truth = Truth(random, today, employer, i + 2, "A" + i.ToString("D6", CultureInfo.InvariantCulture), body, inFile);
            registered.UnionWith(truth.Registered);
            if (truth.Expected is { RecordType: RecordType.Insured, Action: SubmissionAction.Enroll })
            {
                enrolling.Add(truth.Expected);
            }

            rows.Add(new GeneratedFileRow(i + 2, Render(random, header, truth.Cells), truth.Expected));
        }

        return new GeneratedFile(seed, today, employer, header.Names, rows, registered);
    }

    private static long RandomBody(Random random) => random.NextInt64(0, 100_000_000_000);

    private sealed record RowTruth(Dictionary<SubmissionColumn, string> Cells, SubmissionRecord Expected, HashSet<string> Registered);

    /// <summary>Decides a coherent person and row, then how each value is written.</summary>
    private static RowTruth Truth(Random r, DateOnly today, string employer, int rowNumber, string employeeId, long myNumberBody, SubmissionRecord? inFileInsured)
    {
        var cells = new Dictionary<SubmissionColumn, string>();
        var registered = new HashSet<string>(StringComparer.Ordinal);
        bool insured = inFileInsured is null && r.Next(2) == 0;
        var recordType = insured ? RecordType.Insured : RecordType.Dependant;
        var actions = insured ? SubmissionCodeLists.InsuredActions : SubmissionCodeLists.DependantActions;
        var action = inFileInsured is not null ? SubmissionAction.Add : Pick(r, actions.Entries.Select(e => Parse(actions, e.Code)).ToArray());
        bool joins = action is SubmissionAction.Enroll or SubmissionAction.Add;
        bool leaves = action is SubmissionAction.Withdraw or SubmissionAction.Remove;

        cells[SubmissionColumn.RecordType] = Code(r, SubmissionCodeLists.RecordTypes, recordType);
        cells[SubmissionColumn.Action] = Code(r, actions, action);
        cells[SubmissionColumn.EmployerCode] = JapaneseTextVariants.Pad(r, r.Next(4) == 0 ? JapaneseTextVariants.ToFullWidth(employer.ToLowerInvariant()) : employer);

        // The insured person: this row's own, a registered one (dependants), or one enrolled by another row of the file.
        string? insuredNumber = null;
        if (inFileInsured is not null)
        {
            employeeId = inFileInsured.EmployeeId;
            insuredNumber = inFileInsured.InsuredNumber;
        }
        else
        {
            if (!insured)
            {
                employeeId = "R" + employeeId[1..];
            }

            if (!(insured && action == SubmissionAction.Enroll))
            {
                registered.Add(employeeId);
            }

            if (r.Next(10) < (action == SubmissionAction.Enroll ? 5 : 7))
            {
                insuredNumber = r.Next(1, 100_000_000).ToString(CultureInfo.InvariantCulture);
            }
        }

        cells[SubmissionColumn.EmployeeId] = JapaneseTextVariants.Pad(r, r.Next(5) == 0 ? JapaneseTextVariants.ToFullWidth(employeeId) : employeeId);
        if (insuredNumber is not null)
        {
            cells[SubmissionColumn.InsuredNumber] = new string('0', r.Next(3)) + insuredNumber;
        }

        string? branch = null;
        if (r.Next(4) == 0)
        {
            int b = r.Next(0, 100);
            branch = b.ToString("D2", CultureInfo.InvariantCulture);
            cells[SubmissionColumn.BranchNumber] = r.Next(2) == 0 ? b.ToString(CultureInfo.InvariantCulture) : branch;
        }

        // Who: age, name, sex.
        int age = r.Next(6) == 0 ? r.Next(70, 75) : insured ? r.Next(15, 80) : r.Next(0, 100);
        var birth = today.AddYears(-age).AddDays(-r.Next(0, 365));
        if (birth > today)
        {
            birth = today;
        }

        var (kanji, kana) = SyntheticNames.Pick(r);
        cells[SubmissionColumn.NameKanji] = JapaneseTextVariants.Pad(r, r.Next(4) == 0 ? kanji.Replace(' ', '\u3000') : kanji);
        cells[SubmissionColumn.NameKana] = JapaneseTextVariants.Pad(r, r.Next(4) switch
        {
            0 => JapaneseTextVariants.ToHalfWidthKana(kana),
            1 when !kana.Contains('ヴ') => JapaneseTextVariants.ToHiragana(kana),
            2 => kana.Replace(' ', '\u3000'),
            _ => kana,
        });
        cells[SubmissionColumn.BirthDate] = JapaneseTextVariants.RenderDate(r, birth);
        Sex? sex = joins || r.Next(2) == 0 ? (r.Next(2) == 0 ? Sex.Male : Sex.Female) : null;
        if (sex is { } s)
        {
            cells[SubmissionColumn.Sex] = Code(r, SubmissionCodeLists.Sexes, s);
        }

        Relationship? relationship = null;
        if (!insured && (action == SubmissionAction.Add || r.Next(2) == 0))
        {
            relationship = Pick(r, Enum.GetValues<Relationship>().Where(v => v != Relationship.Self).ToArray());
        }
        else if (insured && r.Next(5) == 0)
        {
            relationship = Relationship.Self;
        }

        if (relationship is { } rel)
        {
            cells[SubmissionColumn.Relationship] = Code(r, SubmissionCodeLists.Relationships, rel);
        }

        // My Number, or why there is none.
        MyNumber? myNumber = null;
        NoMyNumberReason? noNumberReason = null;
        if (r.Next(10) < (joins ? 9 : 6))
        {
            myNumber = MyNumber.FromBody(myNumberBody);
            cells[SubmissionColumn.MyNumber] = JapaneseTextVariants.RenderMyNumber(r, myNumber.Value.RevealDigits());
        }
        else if (joins || (action == SubmissionAction.Update && r.Next(5) == 0))
        {
            noNumberReason = Pick(r, Enum.GetValues<NoMyNumberReason>());
            cells[SubmissionColumn.NoMyNumberReason] = Code(r, SubmissionCodeLists.NoMyNumberReasons, noNumberReason.Value);
        }

        // Qualification and loss.
        DateOnly? qualification = null;
        if (joins || r.Next(2) == 0)
        {
            var lower = Max(birth, today.AddYears(-20));
            var upper = joins ? today.AddDays(200) : today;
            qualification = Between(r, lower, upper);
            cells[SubmissionColumn.QualificationDate] = JapaneseTextVariants.RenderDate(r, qualification.Value);
        }

        DateOnly? loss = null;
        if (leaves)
        {
            loss = Between(r, qualification ?? birth, today.AddDays(300));
            cells[SubmissionColumn.LossDate] = JapaneseTextVariants.RenderDate(r, loss.Value);
        }

        // The card.
        CardState? cardState = null;
        if (joins || r.Next(2) == 0)
        {
            cardState = noNumberReason is not null ? CardState.None : Pick(r, Enum.GetValues<CardState>());
            cells[SubmissionColumn.CardState] = Code(r, SubmissionCodeLists.CardStates, cardState.Value);
        }

        DateOnly? issue = null, expiry = null, ecert = null;
        if (cardState is { } state && state != CardState.None)
        {
            var earliestIssue = Max(CardStart, birth);
            if (earliestIssue <= today && r.Next(2) == 0)
            {
                issue = Between(r, earliestIssue, today);
            }

            if (r.Next(2) == 0)
            {
                expiry = issue is { } i ? Between(r, i.AddYears(1), i.AddYears(10)) : Between(r, CardStart, today.AddYears(10));
            }

            if (r.Next(2) == 0)
            {
                var upper = issue is { } i ? i.AddYears(5) : today.AddYears(5);
                if (expiry is { } e && e < upper)
                {
                    upper = e;
                }

                var lower = issue is { } i2 ? i2.AddDays(1) : CardStart;
                if (lower <= upper)
                {
                    ecert = Between(r, lower, upper);
                }
            }

            Put(cells, r, SubmissionColumn.CardIssueDate, issue);
            Put(cells, r, SubmissionColumn.CardExpiryDate, expiry);
            Put(cells, r, SubmissionColumn.EcertExpiryDate, ecert);
        }

        // Moving abroad.
        DateOnly? departure = null;
        Nationality? nationality = null;
        bool? continuation = null;
        if (r.Next(7) == 0)
        {
            departure = Between(r, Max(birth, today.AddDays(-30)), today.AddDays(300));
            Put(cells, r, SubmissionColumn.DepartureDate, departure);
            nationality = r.Next(4) == 0 ? Nationality.Foreign : Nationality.Japanese;
            continuation = r.Next(3) switch
            {
                0 => null,
                1 => false,
                _ => nationality == Nationality.Japanese ? true : false,
            };
        }
        else if (r.Next(5) == 0)
        {
            nationality = Pick(r, Enum.GetValues<Nationality>());
            continuation = r.Next(4) == 0 ? false : null;
        }

        if (nationality is { } n)
        {
            cells[SubmissionColumn.Nationality] = Code(r, SubmissionCodeLists.Nationalities, n);
        }

        if (continuation is { } filed)
        {
            cells[SubmissionColumn.OverseasContinuationFiled] = Code(r, SubmissionCodeLists.YesNo, filed);
        }

        // Certificate application.
        bool? requested = r.Next(20) switch
        {
            < 5 => true,
            < 8 => false,
            _ => null,
        };
        CertificateRequestReason? reason = requested == true ? Pick(r, Enum.GetValues<CertificateRequestReason>()) : null;
        if (requested is { } req)
        {
            cells[SubmissionColumn.CertificateRequest] = Code(r, SubmissionCodeLists.YesNo, req);
        }

        if (reason is { } why)
        {
            cells[SubmissionColumn.CertificateRequestReason] = Code(r, SubmissionCodeLists.CertificateRequestReasons, why);
        }

        // 70–74: copay ratio.
        CopayRatio? copay = null;
        DateOnly? copayDate = null;
        if (AgeOn(birth, today) is >= 70 and <= 74 && r.Next(2) == 0)
        {
            copay = r.Next(2) == 0 ? CopayRatio.TwentyPercent : CopayRatio.ThirtyPercent;
            cells[SubmissionColumn.CopayRatio] = Code(r, SubmissionCodeLists.CopayRatios, copay.Value);
            if (r.Next(2) == 0)
            {
                copayDate = today;
                Put(cells, r, SubmissionColumn.CopayEffectiveDate, copayDate);
            }
        }

        var expected = new SubmissionRecord
        {
            RowNumber = rowNumber,
            RecordType = recordType,
            Action = action,
            EmployerCode = employer,
            EmployeeId = employeeId,
            InsuredNumber = insuredNumber,
            BranchNumber = branch,
            NameKanji = kanji,
            NameKana = kana,
            BirthDate = birth,
            Sex = sex,
            Relationship = relationship,
            MyNumber = myNumber,
            NoMyNumberReason = noNumberReason,
            QualificationDate = qualification,
            LossDate = loss,
            CardState = cardState,
            CardIssueDate = issue,
            CardExpiryDate = expiry,
            EcertExpiryDate = ecert,
            DepartureDate = departure,
            OverseasContinuationFiled = continuation,
            Nationality = nationality,
            CertificateRequested = requested,
            CertificateRequestReason = reason,
            CopayRatio = copay,
            CopayEffectiveDate = copayDate,
        };
        return new RowTruth(cells, expected, registered);
    }

    private sealed record HeaderLayout(List<string> Names, List<SubmissionColumn?> Columns);

    /// <summary>
    /// A header with every column the row uses, the always-required ones, some empty optional ones, sometimes
    /// the employer's own columns (#…, 備考) and a trailing empty cell; in random order and random spellings.
    /// </summary>
    private static HeaderLayout Header(Random r, IEnumerable<SubmissionColumn> used)
    {
        var columns = new HashSet<SubmissionColumn>(used);
        foreach (var definition in SubmissionColumnCatalog.All)
        {
            if (definition.RequiredInHeader || (definition.Column != SubmissionColumn.Note && r.Next(3) == 0))
            {
                columns.Add(definition.Column);
            }
        }

        var order = columns.Select(c => (SubmissionColumn?)c).ToList();
        if (r.Next(3) == 0)
        {
            order.Add(SubmissionColumn.Note);
        }

        if (r.Next(3) == 0)
        {
            order.Add(null); // "#部署" – the employer's own column
        }

        Shuffle(r, order);
        var names = order.Select(c => c is { } col ? HeaderName(r, SubmissionColumnCatalog.Get(col)) : "#部署").ToList();
        if (r.Next(4) == 0)
        {
            names.Add("");
            order.Add(null);
        }

        return new HeaderLayout(names, order);
    }

    private static string HeaderName(Random r, SubmissionColumnDefinition definition)
    {
        string name = r.Next(5) switch
        {
            0 => definition.LabelJa,
            1 => definition.Aliases[r.Next(definition.Aliases.Count)],
            2 => definition.Name.ToUpperInvariant(),
            3 => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(definition.Name.Replace('_', ' ')),
            _ => definition.Name,
        };
        return r.Next(8) == 0 ? JapaneseTextVariants.ToFullWidth(name) : name;
    }

    private static string?[] Render(Random r, HeaderLayout layout, Dictionary<SubmissionColumn, string> cells)
    {
        var row = new string?[layout.Columns.Count];
        for (int i = 0; i < row.Length; i++)
        {
            // A #column may hold anything; a cell under an empty header cell must stay empty.
            row[i] = layout.Columns[i] switch
            {
                SubmissionColumn.Note => r.Next(2) == 0 ? "入社予定=4月" : "",
                { } column => cells.TryGetValue(column, out var text) ? text : (r.Next(2) == 0 ? "" : null),
                null when layout.Names[i].Length > 0 && r.Next(2) == 0 => "社内メモ",
                null => r.Next(2) == 0 ? " " : "",
            };
        }

        return row;
    }

    private static void Put(Dictionary<SubmissionColumn, string> cells, Random r, SubmissionColumn column, DateOnly? date)
    {
        if (date is { } d)
        {
            cells[column] = JapaneseTextVariants.RenderDate(r, d);
        }
    }

    private static string Code<T>(Random r, CodeList<T> list, T value)
        where T : struct
    {
        var entry = list.EntryOf(value);
        string spelling = r.Next(3) == 0 ? entry.Code : entry.Aliases.Count > 0 ? entry.Aliases[r.Next(entry.Aliases.Count)] : entry.Code;
        spelling = JapaneseTextVariants.RandomCase(r, spelling);
        if (r.Next(8) == 0)
        {
            spelling = JapaneseTextVariants.ToFullWidth(spelling);
        }

        return JapaneseTextVariants.Pad(r, spelling);
    }

    private static T Parse<T>(CodeList<T> list, string code)
        where T : struct => list.TryParse(code, out var value) ? value : throw new InvalidOperationException(code);

    private static T Pick<T>(Random r, IReadOnlyList<T> values) => values[r.Next(values.Count)];

    private static void Shuffle<T>(Random r, List<T> list)
    {
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = r.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Between(Random r, DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(r.Next(0, to.DayNumber - from.DayNumber + 1));

    private static int AgeOn(DateOnly birth, DateOnly on)
    {
        // Completed years, the birthday itself counting (a 29 February birthday comes on 1 March in common years).
        int age = on.Year - birth.Year;
        return (on.Month, on.Day).CompareTo((birth.Month, birth.Day)) < 0 ? age - 1 : age;
    }
}

/// <summary>A generated multi-row file (see <see cref="SubmissionRowGenerator.BuildFile"/>).</summary>
public sealed record GeneratedFile(
    int Seed,
    DateOnly Today,
    string EmployerCode,
    IReadOnlyList<string> Header,
    IReadOnlyList<GeneratedFileRow> Rows,
    IReadOnlySet<string> RegisteredEmployeeIds)
{
    /// <summary>A context whose lookup answers from <see cref="RegisteredEmployeeIds"/>.</summary>
    public SubmissionValidationContext Context() =>
        new(EmployerCode, Today, reference => RegisteredEmployeeIds.Contains(reference.EmployeeId));

    /// <summary>Runs both passes over the rows.</summary>
    public IReadOnlyList<SubmissionRowResult> Validate() =>
        SubmissionFileValidator.ValidateAll(SubmissionHeader.Resolve(Header).Header!, Context(), Rows.Select(row => (row.RowNumber, row.Cells)));
}

/// <summary>One row of a <see cref="GeneratedFile"/>.</summary>
public sealed record GeneratedFileRow(int RowNumber, string?[] Cells, SubmissionRecord Expected);
