using System.CommandLine;
using Hub.Cli.Cli;
using Hub.Cli.Commands.Ops;
using Hub.Core;
using Spectre.Console;

namespace Hub.Cli.Commands;

/// <summary><c>./hub employers add|list|sas</c>: the employers allowed to upload, in the storage the settings point at, and their upload links.</summary>
public sealed class EmployersCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Build()
    {
        var code = new Argument<string>("code") { Description = "Employer code (事業所記号), 1–16 letters, digits or hyphens." };
        var name = new Argument<string>("name") { Description = "Employer name (事業所名称)." };
        var symbol = new Option<string?>("--symbol") { Description = "記号 printed on members' documents (defaults to the code)." };
        var add = new Command("add", "Register an employer (or update its name).") { code, name, symbol };
        add.SetAction(async (parse, ct) =>
        {
            var services = CliServices.Create();
            await services.Storage.EnsureCreatedAsync(ct);
            var employer = await services.Employers.AddOrUpdateAsync(parse.GetValue(code)!, parse.GetValue(name)!, parse.GetValue(symbol), ct);
            CliOutput.Ok($"employer {employer.Code} ({employer.Name}, 記号 {employer.Symbol}) may upload to submissions/{employer.Code}/");
            return 0;
        });

        var list = new Command("list", "List registered employers.");
        list.SetAction(async (_, ct) =>
        {
            var services = CliServices.Create();
            var table = new Table().AddColumns("code", "name", "記号", "registered");
            foreach (var e in await services.Employers.ListAsync(ct))
                table.AddRow(Markup.Escape(e.Code), Markup.Escape(e.Name), Markup.Escape(e.Symbol), e.RegisteredAt.ToString("yyyy-MM-dd"));
            AnsiConsole.Write(table);
            return 0;
        });

        var sasCode = new Argument<string>("code") { Description = "Employer code (事業所記号) of a registered employer." };
        var days = new Option<int>("--days")
        {
            Description = $"Validity in days (1–{EmployerUploadSas.MaxDays}; at most {EmployerUploadSas.MaxUserDelegationDays} without an account key, i.e. in production).",
            DefaultValueFactory = _ => 7,
        };
        var ip = new Option<string?>("--ip") { Description = "Only accept uploads from this IPv4 address or range (e.g. 203.0.113.0-203.0.113.255)." };
        var sas = new Command("sas", "Mint a write-only upload link (SAS: create + write, no read/list/delete) for an employer.") { sasCode, days, ip };
        sas.SetAction(async (parse, ct) =>
        {
            try
            {
                var result = await EmployerUploadSas.CreateAsync(CliServices.Create(), parse.GetValue(sasCode)!, parse.GetValue(days), parse.GetValue(ip), cancellationToken: ct);
                CliOutput.Ok($"upload link for {result.EmployerCode}: permissions {result.Permissions} (create, write — no read, list or delete), expires {EmployerUploadSas.JapanTime(result.ExpiresOn)}");
                if (result.UserDelegation)
                    CliOutput.Progress("signed with your Entra ID (user delegation SAS, no account key): it also stops working if you lose your storage role or delegation keys are revoked. / Entra ID で署名したユーザー委任 SAS です。あなたのストレージ ロールが外れるか委任キーが失効すると使えなくなります。");
                CliOutput.Warn("The link is a secret: send it over a secure channel. It can write anywhere in submissions/ (see docs/operations.md, Employer onboarding). / このリンクは秘密情報です。安全な経路で渡してください。submissions/ のどのフォルダーにも書き込めます（docs/operations.md「Employer onboarding」）。");
                Console.WriteLine(result.UploadUrlTemplate);
                CliOutput.Progress($"upload: curl -X PUT -H \"x-ms-blob-type: BlockBlob\" --data-binary @file.csv \"{result.UploadUrlTemplate.Replace("{file}", "file.csv", StringComparison.Ordinal)}\"");
                return 0;
            }
            catch (EmployerSasException e)
            {
                CliOutput.Error($"{e.Code}: {e.English}");
                CliOutput.Error($"{e.Code}: {e.Japanese}");
                return 2;
            }
        });

        var linksCode = new Argument<string>("code") { Description = "Employer code (事業所記号) of a registered employer." };
        var linkDays = new Option<int>("--days")
        {
            Description = $"Validity of the links in days (1–{EmployerUploadSas.MaxUserDelegationDays}).",
            DefaultValueFactory = _ => 7,
        };
        var since = new Option<DateOnly?>("--since")
        {
            Description = "Only documents written on or after this Japan date (YYYY-MM-DD).",
            CustomParser = r => DateOnly.TryParseExact(r.Tokens[0].Value, "yyyy-MM-dd", out var d) ? d : Invalid(r),
        };
        var links = new Command("links",
            "Read-only links to an employer's result reports, reminder outbox and letters, notices and certificates, to hand to the employer's HR staff.")
        {
            linksCode, linkDays, since,
        };
        links.SetAction(async (parse, ct) =>
        {
            try
            {
                var services = CliServices.Create();
                var from = parse.GetValue(since) is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Hub.Core.Time.HubClock.JapanOffset) : (DateTimeOffset?)null;
                var found = await EmployerDocumentLinks.CreateAsync(services.Storage, services.Employers, parse.GetValue(linksCode)!, from, parse.GetValue(linkDays), cancellationToken: ct);
                CliOutput.Ok($"{found.Count} document(s) for {parse.GetValue(linksCode)}; links are read-only and expire in {parse.GetValue(linkDays)} day(s)");
                CliOutput.Warn("The links are secrets until they expire: send them over a secure channel. / リンクは期限まで秘密情報です。安全な経路で渡してください。");
                Console.WriteLine("kind\tpath\twritten (JST)\tbytes\turl");
                foreach (var d in found)
                    Console.WriteLine($"{d.Kind}\t{d.Path}\t{EmployerUploadSas.JapanTime(d.LastModified)}\t{d.Bytes}\t{d.Url}");
                return 0;
            }
            catch (EmployerSasException e)
            {
                CliOutput.Error($"{e.Code}: {e.English}");
                CliOutput.Error($"{e.Code}: {e.Japanese}");
                return 2;
            }
        });

        return new Command("employers", "Manage employers (事業所) allowed to upload, their upload links and links to their documents.") { add, list, sas, links };
    }

    private static DateOnly? Invalid(System.CommandLine.Parsing.ArgumentResult r)
    {
        r.AddError($"'{r.Tokens[0].Value}' is not a date: use YYYY-MM-DD.");
        return null;
    }
}
