using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hub.Cli.Cli;
using Hub.Core.Auditing;
using Hub.Core.Configuration;
using Hub.Core.Members;
using Hub.Domain.Submissions;
using Spectre.Console;

namespace Hub.Cli.Commands.Members;

/// <summary>
/// <c>./hub member show|list|purge-due|rotate-keys</c>: members in the storage the settings point at. The My Number
/// is never shown; <c>show --last4</c> prints its last 4 digits, recording the access.
/// </summary>
public sealed class MemberCommand : ICliCommand
{
    private static string Actor => $"cli:{Environment.UserName}";

    /// <inheritdoc />
    public Command Build() => new("member", "Members (加入者): state, timeline, My Number retention and key rotation.")
    {
        Show(), List(), PurgeDue(), RotateKeys(),
    };

    private static Command Show()
    {
        var id = new Argument<string>("memberId") { Description = "The member id (m + 24 hex digits)." };
        var last4 = new Option<bool>("--last4") { Description = "Also show the last 4 digits of the My Number (the access is recorded)." };
        var json = new Option<bool>("--json") { Description = "Print JSON (masked) instead of tables." };
        var command = new Command("show", "Show a member: identifiers, status, documents and timeline (masked).") { id, last4, json };
        command.SetAction((parse, ct) => Guard(async () =>
        {
            var memberId = parse.GetValue(id)!;
            if (!MemberIds.IsValid(memberId))
            {
                CliOutput.Error($"'{memberId}' is not a member id (m followed by 24 hex digits) / 加入者IDの形式ではありません。");
                return 2;
            }
            var pipeline = new MemberPipeline(CliServices.Create());
            var member = await pipeline.Store.FindAsync(memberId, ct);
            if (member is null)
            {
                CliOutput.Error($"No member {memberId} / 加入者 {memberId} は登録されていません。");
                return 1;
            }
            var timeline = await pipeline.Store.TimelineAsync(memberId, ct);
            var today = pipeline.Services.Clock.TodayInJapan;
            string? shownLast4 = null;
            if (parse.GetValue(last4) && member.ProtectedMyNumber is { } ciphertext)
                shownLast4 = (await pipeline.Services.MyNumbers.RevealAsync(ciphertext,
                    new AccessContext($"member:{memberId}", Actor, "./hub member show --last4: 下4桁の確認 / confirm the last 4 digits"), ct)).Last4;
            if (parse.GetValue(json))
            {
                var report = MemberReport.ToJson(member, timeline, today, includeName: true);
                if (shownLast4 is not null) report["myNumberLast4"] = shownLast4;
                Console.WriteLine(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return 0;
            }
            Print(member, timeline, today, shownLast4);
            return 0;
        }));
        return command;
    }

    private static void Print(Member m, IReadOnlyList<MemberTimelineEntry> timeline, DateOnly today, string? last4)
    {
        var role = m.Role == RecordType.Insured ? "被保険者 (insured)" : $"被扶養者 (dependant of {m.InsuredMemberId})";
        CliOutput.Title($"Member {m.MemberId} — {role} — {MemberReport.StateOf(m, today)}");
        var myNumber = MemberReport.MyNumberStatus(m) switch
        {
            "registered" => last4 is null ? "registered ✓" : $"registered ✓ (last 4: {last4}; access recorded)",
            "deleted" => $"deleted {m.MyNumberDeletedAt:yyyy-MM-dd}",
            "not_assigned" => $"not assigned ({m.NoMyNumberReason})",
            _ => "none",
        };
        var table = new Table().HideHeaders().AddColumns("field", "value");
        void Row(string field, string? value) => table.AddRow(Markup.Escape(field), Markup.Escape(value ?? "-"));
        Row("employer", m.EmployerCode);
        Row("記号・番号・枝番", $"{m.Symbol} {m.InsuredNumber} {m.BranchNumber}");
        Row("氏名 (フリガナ)", $"{m.NameKanji} ({m.NameKana})");
        Row("生年月日 / 性別", $"{Iso(m.BirthDate)} / {m.Sex}");
        Row("資格取得 / 喪失", $"{Iso(m.QualificationDate)} / {Iso(m.LossDate)}");
        Row("My Number", myNumber + (m.MyNumberDeletionDueOn is { } due && m.ProtectedMyNumber is not null ? $", deletion due {Iso(due)}" : ""));
        Row("card", $"{m.CardState}; card expiry {Iso(m.CardExpiryDate)}, e-cert expiry {Iso(m.EcertExpiryDate)}");
        Row("notice", m.NoticeId is null ? m.NoticeFailure ?? "not issued" : $"{m.NoticeId} (v{m.NoticeIssuedVersion}) {m.NoticeBlob}");
        Row("certificate", m.CertificateStatus is null ? "not decided" :
            $"{m.CertificateStatus} ({m.CertificateReason})" + (m.CertificateId is null ? "" : $"; {m.CertificateId} valid until {Iso(m.CertificateValidUntil)} {m.CertificateBlob}"));
        Row("reason", m.CertificateExplanationJa);
        Row("", m.CertificateExplanationEn);
        Row("next action date", Iso(m.NextActionDate));
        AnsiConsole.Write(table);

        var history = new Table().AddColumns("at (JST)", "step", "what happened");
        foreach (var t in timeline)
            history.AddRow(t.At.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(t.Kind), Markup.Escape($"{t.SummaryJa}\n{t.SummaryEn}"));
        AnsiConsole.Write(history);
    }

    private static Command List()
    {
        var employer = new Option<string?>("--employer") { Description = "Only this employer's members." };
        var command = new Command("list", "List members (ids, 記号・番号・枝番, state, documents); no personal data.") { employer };
        command.SetAction((parse, ct) => Guard(async () =>
        {
            var pipeline = new MemberPipeline(CliServices.Create());
            var today = pipeline.Services.Clock.TodayInJapan;
            // Plain lines, one member each (wide tables of long ids do not fit a console and are hard to grep).
            Console.WriteLine("member\temployer\tsymbol-number-branch\trole\tstate\tnotice\tcertificate");
            var count = 0;
            await foreach (var m in pipeline.Store.ListAsync(parse.GetValue(employer), ct))
            {
                count++;
                Console.WriteLine(string.Join('\t', m.MemberId, m.EmployerCode, $"{m.Symbol}-{m.InsuredNumber}-{m.BranchNumber}",
                    m.Role == RecordType.Insured ? "insured" : "dependant", MemberReport.StateOf(m, today),
                    m.NoticeId ?? (m.NoticeFailure is null ? "-" : "failed"),
                    $"{m.CertificateStatus ?? "-"}{(m.CertificateReason is null ? "" : $" ({m.CertificateReason})")}"));
            }
            CliOutput.Progress($"{count} member(s)");
            return 0;
        }));
        return command;
    }

    private static Command PurgeDue()
    {
        var asOf = CommonOptions.AsOf();
        var command = new Command("purge-due", "Delete the My Numbers whose retention period has ended (irrecoverable; audited).") { asOf };
        command.SetAction((parse, ct) => Guard(async () =>
        {
            var pipeline = new MemberPipeline(CliServices.Create());
            var day = parse.GetValue(asOf) ?? pipeline.Services.Clock.TodayInJapan;
            var deleted = await pipeline.Retention.PurgeDueAsync(day, Actor, ct);
            foreach (var id in deleted) CliOutput.Ok($"My Number of {id} deleted");
            CliOutput.Progress($"{deleted.Count} My Number(s) deleted as of {Iso(day)}");
            return 0;
        }));
        return command;
    }

    private static Command RotateKeys()
    {
        var employer = new Option<string?>("--employer") { Description = "Only this employer's members (rotate in batches)." };
        var command = new Command("rotate-keys", "Re-encrypt stored My Numbers under the active key (Hub__MyNumber__ActiveKey).") { employer };
        command.SetAction((parse, ct) => Guard(async () =>
        {
            var pipeline = new MemberPipeline(CliServices.Create());
            var (rotated, current) = await pipeline.Rotation.RotateAllAsync(Actor, parse.GetValue(employer), ct);
            CliOutput.Ok($"{rotated} re-encrypted, {current} already on the active key");
            return 0;
        }));
        return command;
    }

    /// <summary>Runs a verb, turning configuration and key problems into a clear message instead of a stack trace.</summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (HubConfigurationException e)
        {
            CliOutput.Error($"configuration: {e.Message}");
            return 2;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            CliOutput.Error($"My Number decryption failed (wrong or missing key?): {e.Message}");
            return 2;
        }
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";
}
