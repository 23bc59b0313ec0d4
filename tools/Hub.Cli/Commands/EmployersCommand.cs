using System.CommandLine;
using Hub.Cli.Cli;
using Hub.Core;
using Spectre.Console;

namespace Hub.Cli.Commands;

/// <summary><c>./hub employers add|list</c>: the employers allowed to upload, in the storage the settings point at.</summary>
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

        return new Command("employers", "Manage employers (事業所) allowed to upload.") { add, list };
    }
}
