using System.Globalization;
using System.Text;
using Hub.Core.Ingestion.Reading;
using Hub.Domain.Identifiers;

namespace Hub.Cli.Bench;

/// <summary>
/// A realistic synthetic submission for <c>./hub bench ingest</c>, written straight to a file (never held in memory):
/// what an HR system exports for a large enrolment — Japanese headers, households of an insured person followed by
/// 0–3 dependants, dates in the forms employers use (<c>1985/4/1</c>, ISO, 和暦, era code), half-width kana here and
/// there, and about 1 dependant row in 100 with a mistake (wrong check digit) so the report has errors to carry. Synthetic My
/// Numbers only (valid check digits).
/// </summary>
public static class IngestBenchmarkData
{
    private static readonly (string Kanji, string Kana)[] Surnames =
    [
        ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"), ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"),
        ("中村", "ナカムラ"), ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("松本", "マツモト"),
    ];

    private static readonly (string Kanji, string Kana)[] GivenNames =
    [
        ("太郎", "タロウ"), ("花子", "ハナコ"), ("一郎", "イチロウ"), ("美咲", "ミサキ"), ("翔太", "ショウタ"), ("陽菜", "ヒナ"), ("健", "ケン"),
        ("さくら", "サクラ"), ("大輔", "ダイスケ"), ("結衣", "ユイ"), ("拓海", "タクミ"), ("愛", "アイ"),
    ];

    /// <summary>The header (Japanese labels, as the templates have them).</summary>
    public const string Header =
        "対象区分,異動区分,事業所記号,社員番号,被保険者番号,氏名,フリガナ,生年月日,性別,続柄,個人番号,資格取得年月日,マイナンバーカード状況,カード有効期限,電子証明書有効期限,一部負担金の割合,備考";

    /// <summary>Writes <paramref name="rows"/> data rows for <paramref name="employer"/> as of <paramref name="today"/>; returns how many are valid.</summary>
    public static async Task<int> WriteAsync(string path, int rows, string employer, DateOnly today, SubmissionEncoding encoding, CancellationToken ct)
    {
        var random = new Random(20261121);
        var text = encoding == SubmissionEncoding.ShiftJis ? TextEncodings.ShiftJis : new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        await using var writer = new StreamWriter(path, append: false, text, bufferSize: 1 << 16);
        await writer.WriteAsync(Header + "\r\n");
        var valid = 0;
        var body = 50_000_000_000L;
        var line = new StringBuilder(400);
        var written = 0;
        var household = 0;
        while (written < rows)
        {
            household++;
            var employeeId = "E" + household.ToString("D7", CultureInfo.InvariantCulture);
            var surname = Surnames[random.Next(Surnames.Length)];
            var dependants = Math.Min(random.Next(4), rows - written - 1);
            for (var member = 0; member <= dependants; member++)
            {
                var insured = member == 0;
                var given = GivenNames[random.Next(GivenNames.Length)];
                var age = insured ? random.Next(20, 75) : member == 1 ? random.Next(20, 70) : random.Next(0, 20);
                var birth = today.AddYears(-age).AddDays(-random.Next(1, 365));
                var number = MyNumber.FromBody(body++).RevealDigits();
                // Mistakes only on dependants' rows: an insured person's mistake would also reject the household (UNKNOWN_INSURED).
                var mistake = !insured && random.Next(100) == 0;
                if (mistake) number = number[..11] + (char)('0' + ((number[11] - '0' + 3) % 10));
                else valid++;
                var kana = $"{surname.Kana} {given.Kana}";
                var card = random.Next(20) switch { < 14 => "registered", < 17 => "not_registered", _ => "none" };
                line.Clear();
                line.Append(insured ? "insured,enroll," : "dependant,add,").Append(employer).Append(',').Append(employeeId).Append(",,")
                    .Append(surname.Kanji).Append(' ').Append(given.Kanji).Append(',')
                    .Append(random.Next(10) == 0 ? HalfWidth(kana) : kana).Append(',')
                    .Append(Date(random, birth)).Append(',')
                    .Append(random.Next(2) + 1).Append(',')
                    .Append(insured ? "" : member == 1 ? "配偶者" : "子").Append(',')
                    .Append(random.Next(8) == 0 ? $"{number[..4]}-{number[4..8]}-{number[8..]}" : number).Append(',')
                    .Append(Date(random, today.AddDays(-random.Next(0, 30)))).Append(',')
                    .Append(card).Append(',');
                if (card != "none" && random.Next(2) == 0)
                {
                    var expiry = today.AddYears(random.Next(1, 9));
                    line.Append(expiry.ToString("yyyy/M/d", CultureInfo.InvariantCulture)).Append(',')
                        .Append((expiry < today.AddYears(4) ? expiry : today.AddYears(4)).ToString("yyyy/M/d", CultureInfo.InvariantCulture)).Append(',');
                }
                else
                {
                    line.Append(",,");
                }

                line.Append(AgeOn(birth, today) is >= 70 and <= 74 ? "2" : "").Append(',').Append(insured ? "新規加入" : "").Append("\r\n");
                await writer.WriteAsync(line, ct);
                written++;
            }
        }

        return valid;
    }

    private static string Date(Random random, DateOnly date) => random.Next(10) switch
    {
        < 6 => date.ToString("yyyy/M/d", CultureInfo.InvariantCulture),
        < 8 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        8 => EraCode(date),
        _ => Wareki(date),
    };

    /// <summary>e-Gov era code + YYMMDD (5 昭和, 7 平成, 9 令和).</summary>
    private static string EraCode(DateOnly date)
    {
        var (code, year) = Era(date);
        return string.Create(CultureInfo.InvariantCulture, $"{code}{year:D2}{date.Month:D2}{date.Day:D2}");
    }

    private static string Wareki(DateOnly date)
    {
        var (code, year) = Era(date);
        var name = code switch { 5 => "昭和", 7 => "平成", _ => "令和" };
        return string.Create(CultureInfo.InvariantCulture, $"{name}{year}年{date.Month}月{date.Day}日");
    }

    private static (int Code, int Year) Era(DateOnly date) =>
        date >= new DateOnly(2019, 5, 1) ? (9, date.Year - 2018)
        : date >= new DateOnly(1989, 1, 8) ? (7, date.Year - 1988)
        : (5, date.Year - 1925);

    private static int AgeOn(DateOnly birth, DateOnly on) =>
        on.Year - birth.Year - ((on.Month, on.Day).CompareTo((birth.Month, birth.Day)) < 0 ? 1 : 0);

    /// <summary>Full-width katakana as half-width (ｶﾀｶﾅ), as some HR systems still export it.</summary>
    private static string HalfWidth(string kana)
    {
        const string full = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンャュョッー";
        const string half = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｬｭｮｯｰ";
        const string voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
        const string voicedBase = "カキクケコサシスセソタチツテトハヒフヘホ";
        const string semi = "パピプペポ";
        const string semiBase = "ハヒフヘホ";
        var sb = new StringBuilder(kana.Length * 2);
        foreach (var c in kana)
        {
            int i;
            if ((i = full.IndexOf(c, StringComparison.Ordinal)) >= 0) sb.Append(half[i]);
            else if ((i = voiced.IndexOf(c, StringComparison.Ordinal)) >= 0) sb.Append(half[full.IndexOf(voicedBase[i], StringComparison.Ordinal)]).Append('ﾞ');
            else if ((i = semi.IndexOf(c, StringComparison.Ordinal)) >= 0) sb.Append(half[full.IndexOf(semiBase[i], StringComparison.Ordinal)]).Append('ﾟ');
            else sb.Append(c);
        }

        return sb.ToString();
    }
}
