using System.Diagnostics;
using System.Text;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary>
/// infra/deploy.sh without Azure: argument handling, a clear failure without az, and the whole flow against a
/// stand-in <c>az</c> on PATH that records every call and answers like the real CLI does for these commands.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private const char Separator = '\u001f';
    private readonly string _dir = Directory.CreateTempSubdirectory("deploy-sh-").FullName;
    private readonly string _package;

    public DeployScriptTests()
    {
        _package = Path.Combine(_dir, "app.zip");
        File.WriteAllBytes(_package, [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        Directory.CreateDirectory(Path.Combine(_dir, "secrets"));
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        // The tools the script needs, and nothing else: an az installed on this machine must not leak in.
        foreach (var tool in new[] { "sed", "date", "git", "wc", "mktemp", "grep", "openssl", "seq", "sleep", "rm", "chmod", "sort", "cat", "dirname", "cp", "printf" })
        {
            var found = Which(tool);
            if (found is not null) File.CreateSymbolicLink(Path.Combine(_dir, "bin", tool), found);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Run(int ExitCode, string Output, string Error, List<string[]> Calls, string SecretsDirectory)
    {
        public int IndexOf(string prefix, int from = 0) =>
            Calls.FindIndex(from, c => string.Join(' ', c).StartsWith(prefix, StringComparison.Ordinal));

        public string[] Single(string prefix) => Assert.Single(Calls, c => string.Join(' ', c).StartsWith(prefix, StringComparison.Ordinal));
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private void InstallFakeAz() => File.WriteAllText(Path.Combine(_dir, "bin", "az"), FakeAz);

    private Run Deploy(string arguments, Dictionary<string, string>? fake = null, string stdin = "")
    {
        var log = Path.Combine(_dir, "az.log");
        File.WriteAllText(log, "");
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(InfraPaths.DeployScript);
        foreach (var a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(a.Replace("{package}", _package, StringComparison.Ordinal));
        start.Environment["PATH"] = Path.Combine(_dir, "bin");
        start.Environment["FAKE_AZ_LOG"] = log;
        start.Environment["FAKE_AZ_SECRETS"] = Path.Combine(_dir, "secrets");
        foreach (var (k, v) in fake ?? []) start.Environment[k] = v;
        if (File.Exists(Path.Combine(_dir, "bin", "az")) && !OperatingSystem.IsWindows())
            new FileInfo(Path.Combine(_dir, "bin", "az")).UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "deploy.sh did not finish");
        var calls = File.ReadAllLines(log).Where(l => l.Length > 0).Select(l => l.TrimEnd(Separator).Split(Separator)).ToList();
        return new Run(process.ExitCode, output.Result, error.Result, calls, Path.Combine(_dir, "secrets"));
    }

    [Theory]
    [InlineData("", "which environment? (dev or prod)")]
    [InlineData("staging", "unknown environment 'staging'")]
    [InlineData("dev prod", "only one environment")]
    [InlineData("dev --bogus", "unknown option --bogus")]
    [InlineData("dev --resource-group", "--resource-group needs a value")]
    [InlineData("dev --version a/b", "a version may only hold")]
    public void Bad_arguments_exit_2_with_a_reason(string arguments, string reason)
    {
        var run = Deploy(arguments);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Contains("deploy.sh: エラー: ", run.Error, StringComparison.Ordinal); // every failure also in Japanese
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void Every_failure_of_the_script_carries_an_English_and_a_Japanese_message()
    {
        var calls = File.ReadAllLines(InfraPaths.DeployScript).Where(l => l.Contains("die \"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(calls);
        // die "English" "日本語" [exit]: two quoted arguments, the second with Japanese text.
        Assert.All(calls, l => Assert.Matches("die \"[^\"]+\" \"[^\"]*[\u3040-\u30ff\u4e00-\u9fff][^\"]*\"", l));
    }

    [Fact]
    public void Help_prints_the_steps_and_options()
    {
        var run = Deploy("--help");
        Assert.Equal(0, run.ExitCode);
        foreach (var text in new[] { "1. package", "2. infra", "3. secrets", "4. code", "5. events", "--rollback", "--dry-run" })
            Assert.Contains(text, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_az_it_fails_clearly_before_doing_anything()
    {
        var run = Deploy("dev --package {package}");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("the Azure CLI (az) is not installed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Logged_out_it_asks_for_az_login()
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v1 --yes", new() { ["FAKE_AZ_LOGGED_IN"] = "0" });
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("az login", run.Error, StringComparison.Ordinal);
        Assert.Equal(["account", "show", "--output", "none"], Assert.Single(run.Calls));
    }

    [Fact]
    public void A_first_flex_deployment_runs_every_step_in_order_and_creates_the_secrets()
    {
        InstallFakeAz();
        var run = Deploy("prod --package {package} --version v1 --yes");
        Assert.True(run.ExitCode == 0, run.Error);

        var runtimes = run.IndexOf("functionapp list-flexconsumption-runtimes --location japaneast --runtime custom");
        var spec = run.IndexOf("ts create --resource-group rg-mnhub-prod --name hub-infra --version v1");
        var whatIf = run.IndexOf("deployment group what-if --resource-group rg-mnhub-prod --name hub-v1 --template-spec /subscriptions/");
        var create = run.IndexOf("deployment group create --resource-group rg-mnhub-prod --name hub-v1 --template-spec /subscriptions/");
        var firstSecret = run.IndexOf("keyvault secret set");
        var archive = run.IndexOf("storage blob upload --auth-mode login --account-name sthost --container-name app-releases --name app-v1.zip");
        var code = run.IndexOf("functionapp deployment source config-zip --resource-group rg-mnhub-prod --name func-test --src " + _package);
        var key = run.IndexOf("functionapp keys list --resource-group rg-mnhub-prod --name func-test");
        var events = run.IndexOf("deployment group create --resource-group rg-mnhub-prod --name hub-events-v1 --template-file " + Path.Combine(InfraPaths.Modules, "blob-events.json"));
        int[] order = [runtimes, spec, whatIf, create, firstSecret, archive, code, key, events];
        Assert.True(order.All(i => i >= 0), string.Join(", ", order) + "\n" + string.Join('\n', run.Calls.Select(c => string.Join(' ', c))));
        Assert.Equal(order.Order(), order);

        Assert.Contains(InfraPaths.Main, run.Calls[spec]);
        Assert.Contains("@" + InfraPaths.ParameterFile("prod"), run.Calls[create]);
        Assert.Equal(["functionAppName=func-test", "systemTopicName=evgt-test", "dataStorageName=stdata", "submissionsContainer=submissions", "deadLetterContainer=eventgrid-deadletter"],
            run.Calls[events].SkipWhile(a => a != "--parameters").Skip(1).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)));

        // Secrets: generated key rings with their active ids, 32-byte keys, written through --file and never on a command line.
        var secrets = Directory.EnumerateFiles(run.SecretsDirectory).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        Assert.Equal(["hub-mynumber-activekey", "hub-mynumber-indexkey", "hub-mynumber-keys", "hub-webhooks-activesecretkey", "hub-webhooks-secretkeys"], secrets.Keys.Order(StringComparer.Ordinal));
        foreach (var (ring, active) in new[] { ("hub-mynumber-keys", "hub-mynumber-activekey"), ("hub-webhooks-secretkeys", "hub-webhooks-activesecretkey") })
        {
            var parts = secrets[ring].Split(':');
            Assert.Equal(2, parts.Length);
            Assert.Equal(secrets[active], parts[0]);
            Assert.Matches("^[A-Za-z0-9]{1,32}$", parts[0]);
            Assert.Equal(32, Convert.FromBase64String(parts[1]).Length);
        }
        Assert.Equal(32, Convert.FromBase64String(secrets["hub-mynumber-indexkey"].Trim()).Length);
        Assert.NotEqual(secrets["hub-mynumber-keys"].Split(':')[1], secrets["hub-webhooks-secretkeys"].Split(':')[1]);
        var allArguments = string.Join(' ', run.Calls.SelectMany(c => c));
        foreach (var value in secrets.Values.Where(v => v.Length > 16)) Assert.DoesNotContain(value.Split(':')[^1].Trim(), allArguments, StringComparison.Ordinal);
        Assert.All(run.Calls.Where(c => c.Take(3).SequenceEqual(["keyvault", "secret", "set"])), c => Assert.Contains("--file", c));
        Assert.DoesNotContain(secrets["hub-mynumber-indexkey"].Trim(), run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Existing_secrets_are_never_overwritten()
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v2 --yes",
            new() { ["FAKE_AZ_EXISTING"] = "hub-mynumber-keys hub-mynumber-activekey hub-mynumber-indexkey" });
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["hub-webhooks-activesecretkey", "hub-webhooks-secretkeys"],
            Directory.EnumerateFiles(run.SecretsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("hub-mynumber-activekey", "hub-mynumber-keys is missing but hub-mynumber-activekey exists")]
    [InlineData("hub-mynumber-keys hub-mynumber-indexkey hub-webhooks-secretkeys hub-webhooks-activesecretkey", "hub-mynumber-activekey is missing but hub-mynumber-keys exists")]
    public void A_half_present_key_ring_stops_the_deployment(string existing, string reason)
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v3 --yes", new() { ["FAKE_AZ_EXISTING"] = existing });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Equal(-1, run.IndexOf("functionapp deployment source config-zip"));
    }

    [Fact]
    public void A_secret_it_cannot_generate_must_exist_first()
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v4 --yes", new() { ["FAKE_AZ_EXTRA_REFS"] = "pdfsharp-licensekey" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("pdfsharp-licensekey is missing and cannot be generated", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_region_without_the_custom_runtime_stops_before_any_change()
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v5 --yes", new() { ["FAKE_AZ_RUNTIMES"] = "" });
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("does not offer runtime 'custom' 1.0", run.Error, StringComparison.Ordinal);
        Assert.Equal(-1, run.IndexOf("group create"));
        Assert.Equal(-1, run.IndexOf("ts create"));
    }

    [Fact]
    public void Answering_no_after_what_if_deploys_nothing()
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v6", stdin: "n\n");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("stopped before deploying", run.Error, StringComparison.Ordinal);
        Assert.True(run.IndexOf("deployment group what-if") >= 0);
        Assert.Equal(-1, run.IndexOf("deployment group create"));
    }

    [Fact]
    public void Elastic_premium_runs_from_the_archived_release_blob()
    {
        InstallFakeAz();
        var run = Deploy("dev --package {package} --version v7 --yes --skip-infra", new() { ["FAKE_AZ_PLAN"] = "premium" });
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(-1, run.IndexOf("functionapp deployment source config-zip"));
        var upload = run.IndexOf("storage blob upload --auth-mode login --account-name sthost --container-name app-releases --name app-v7.zip");
        var switched = run.IndexOf("functionapp config appsettings set --resource-group rg-mnhub-dev --name func-test --settings WEBSITE_RUN_FROM_PACKAGE=https://sthost.blob.core.windows.net/app-releases/app-v7.zip");
        var sync = run.IndexOf("resource invoke-action --resource-group rg-mnhub-dev --name func-test --resource-type Microsoft.Web/sites --action syncfunctiontriggers");
        Assert.True(upload >= 0 && switched > upload && sync > switched, string.Join('\n', run.Calls.Select(c => string.Join(' ', c))));
        Assert.Contains("--name hub-previous", string.Join(' ', run.Single("deployment group show --resource-group rg-mnhub-dev --name hub-previous --query properties.outputs.functionAppName.value")));
    }

    [Fact]
    public void Rollback_redeploys_an_archived_release_and_touches_nothing_else()
    {
        InstallFakeAz();
        var run = Deploy("prod --rollback v0 --yes");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(-1, run.IndexOf("ts create"));
        Assert.Equal(-1, run.IndexOf("keyvault secret"));
        Assert.Equal(-1, run.IndexOf("storage blob upload"));
        Assert.Equal(-1, run.IndexOf("deployment group create"));
        var download = run.Single("storage blob download --auth-mode login --account-name sthost --container-name app-releases --name app-v0.zip");
        var file = download.SkipWhile(a => a != "--file").ElementAt(1);
        Assert.Equal(file, run.Single("functionapp deployment source config-zip").SkipWhile(a => a != "--src").ElementAt(1));
    }

    [Fact]
    public void Dry_run_needs_no_az_and_prints_the_plan()
    {
        var run = Deploy("prod --package {package} --version v8 --dry-run");
        Assert.True(run.ExitCode == 0, run.Error);
        var text = run.Output + run.Error;
        var steps = new[] { "az ts create", "az deployment group what-if", "az deployment group create --resource-group rg-mnhub-prod --name hub-v8",
            "az keyvault secret set", "az functionapp deployment source config-zip", "az deployment group create --resource-group rg-mnhub-prod --name hub-events-v8" };
        var positions = steps.Select(s => text.IndexOf(s, StringComparison.Ordinal)).ToArray();
        Assert.True(positions.All(p => p >= 0), string.Join(", ", positions) + "\n" + text);
        Assert.Empty(Directory.EnumerateFiles(run.SecretsDirectory));
    }

    // Answers the az commands deploy.sh uses, as the real CLI would with --output tsv; records every call.
    private const string FakeAz = """
        #!/bin/bash
        for a in "$@"; do printf '%s\037' "$a"; done >>"$FAKE_AZ_LOG"; printf '\n' >>"$FAKE_AZ_LOG"
        arg() { local want="$1"; shift; while [[ $# -gt 0 ]]; do [[ "$1" == "$want" ]] && { printf '%s' "$2"; return; }; shift; done; }
        case "$*" in
          "account show"*) [[ "${FAKE_AZ_LOGGED_IN:-1}" == 1 ]] || exit 1 ;;
          "functionapp list-flexconsumption-runtimes"*) [[ -z "${FAKE_AZ_RUNTIMES-1.0}" ]] || printf '%s\n' ${FAKE_AZ_RUNTIMES-1.0} ;;
          "ts show"*) echo "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Resources/templateSpecs/hub-infra/versions/$(arg --version "$@")" ;;
          "deployment group show"*)
            case "$(arg --query "$@")" in
              *functionAppName*) echo func-test ;;
              *hostStorageName*) echo sthost ;;
              *dataStorageName*) echo stdata ;;
              *releasesContainer*) echo app-releases ;;
              *keyVaultName*) echo kv-test ;;
              *blobEventsTopicName*) echo evgt-test ;;
              *submissionsContainer*) echo submissions ;;
              *eventGridDeadLetterContainer*) echo eventgrid-deadletter ;;
              *hostingPlan*) echo "${FAKE_AZ_PLAN:-flex}" ;;
            esac ;;
          "deployment group list"*) echo hub-previous ;;
          "functionapp config appsettings list"*)
            if [[ "$(arg --query "$@")" == *KeyVault* ]]; then
              for s in hub-mynumber-keys hub-mynumber-activekey hub-mynumber-indexkey hub-webhooks-secretkeys hub-webhooks-activesecretkey ${FAKE_AZ_EXTRA_REFS:-}; do
                echo "@Microsoft.KeyVault(VaultName=kv-test;SecretName=$s)"
              done
            fi ;;
          "functionapp list"*) echo func-test ;;
          "keyvault secret list-deleted"*) ;;
          "keyvault secret list"*)
            q="$(arg --query "$@")"
            for s in ${FAKE_AZ_EXISTING:-}; do [[ "$q" == *"'$s'"* ]] && echo "https://kv-test.vault.azure.net/secrets/$s"; done; true ;;
          "keyvault secret set"*) cp "$(arg --file "$@")" "$FAKE_AZ_SECRETS/$(arg --name "$@")" ;;
          "functionapp keys list"*) echo blobs-extension-key ;;
        esac
        exit 0
        """;
}
