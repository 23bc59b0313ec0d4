using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Hub.Documents.Fonts;
using Hub.LocalHost.Config;

namespace Hub.Cli.Commands.Ops;

/// <summary>Where and how to build the deployable zip.</summary>
public sealed record AppPackageOptions
{
    /// <summary>The repository root.</summary>
    public required string RepoRoot { get; init; }

    /// <summary>The zip to write (replaced if it exists).</summary>
    public required string OutputZip { get; init; }

    /// <summary>Scratch space for the publish output and its intermediate files (kept for incremental rebuilds).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Runtime identifier of the Functions host's machines (Linux, x64).</summary>
    public string RuntimeIdentifier { get; init; } = "linux-x64";

    /// <summary>Precompile to native code (faster cold start, bigger zip, slower publish).</summary>
    public bool ReadyToRun { get; init; }
}

/// <summary>One file in the zip.</summary>
/// <param name="Path">Entry name (forward slashes).</param>
/// <param name="Bytes">Uncompressed size.</param>
/// <param name="Executable">Whether its Unix mode has the execute bits.</param>
public sealed record AppPackageEntry(string Path, long Bytes, bool Executable);

/// <summary>What <see cref="AppPackage.BuildAsync"/> produced.</summary>
/// <param name="ZipPath">The zip.</param>
/// <param name="ZipBytes">Its size.</param>
/// <param name="Entries">Its files.</param>
/// <param name="ExecutablePath">host.json's defaultExecutablePath (an entry of the zip).</param>
/// <param name="Elapsed">How long the build took.</param>
public sealed record AppPackageResult(string ZipPath, long ZipBytes, IReadOnlyList<AppPackageEntry> Entries, string ExecutablePath, TimeSpan Elapsed);

/// <summary>A build step failed; the message says which and how to fix it (English and Japanese).</summary>
public sealed class AppPackageException(string code, string english, string japanese) : Exception($"{code}: {english} / {japanese}")
{
    /// <summary>Stable error code.</summary>
    public string Code { get; } = code;
}

/// <summary>
/// Builds the function app's deployable zip, laid out as the Functions host expects an app root:
/// <c>host.json</c>, one folder per function with its <c>function.json</c> (no sources), and the custom
/// handler published self-contained for Linux x64 where host.json's <c>defaultExecutablePath</c> points
/// (<c>bin/Hub.Functions</c>), with the BIZ UDGothic fonts and their licence in <c>fonts/</c> next to it (where
/// the PDF renderer looks). Unix modes are stored so the handler keeps its execute bit when the platform
/// unpacks or mounts the zip.
/// </summary>
public static class AppPackage
{
    /// <summary>The handler project, relative to the repository root.</summary>
    public const string HandlerProject = "functions/src/Hub.Functions/Hub.Functions.csproj";

    /// <summary>Where the fonts go, relative to the handler's folder.</summary>
    public const string FontsFolder = "fonts";

    // Source (npm package layout) → name in the zip (Google Fonts names, which the locator accepts first).
    private static readonly (string Source, string Target)[] Fonts =
    [
        ("400Regular/BIZUDGothic_400Regular.ttf", "BIZUDGothic-Regular.ttf"),
        ("700Bold/BIZUDGothic_700Bold.ttf", "BIZUDGothic-Bold.ttf"),
        ("LICENSE_FONT", "OFL.txt"),
    ];

    /// <summary>Publishes the handler and writes the zip.</summary>
    /// <exception cref="AppPackageException">A step failed (publish error, missing fonts, host.json pointing at nothing).</exception>
    public static async Task<AppPackageResult> BuildAsync(AppPackageOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var functionsRoot = Path.Combine(options.RepoRoot, "functions");
        var executable = ExecutablePath(functionsRoot);
        var handlerFolder = Path.GetDirectoryName(executable)!.Replace('\\', '/');

        var stage = Path.Combine(options.WorkDirectory, "app");
        if (Directory.Exists(stage)) Directory.Delete(stage, recursive: true);
        Directory.CreateDirectory(stage);

        progress?.Invoke($"publishing the handler self-contained for {options.RuntimeIdentifier}{(options.ReadyToRun ? " (ReadyToRun)" : "")}");
        await PublishAsync(options, Path.Combine(stage, handlerFolder), cancellationToken).ConfigureAwait(false);
        if (!File.Exists(Path.Combine(stage, executable)))
            throw new AppPackageException("PUBLISH_NO_EXECUTABLE",
                $"host.json's defaultExecutablePath '{executable}' is not in the publish output: check AssemblyName and the path.",
                $"host.json の defaultExecutablePath「{executable}」が発行結果にありません。AssemblyName とパスを確認してください。");

        progress?.Invoke("adding host.json, function.json files and fonts");
        File.Copy(Path.Combine(functionsRoot, "host.json"), Path.Combine(stage, "host.json"));
        foreach (var function in FunctionDescriptor.LoadAll(functionsRoot))
        {
            Directory.CreateDirectory(Path.Combine(stage, function.Name));
            File.Copy(Path.Combine(functionsRoot, function.Name, "function.json"), Path.Combine(stage, function.Name, "function.json"));
        }
        CopyFonts(options.RepoRoot, Path.Combine(stage, handlerFolder, FontsFolder));

        progress?.Invoke($"writing {options.OutputZip}");
        var entries = WriteZip(stage, options.OutputZip);
        return new AppPackageResult(options.OutputZip, new FileInfo(options.OutputZip).Length, entries, executable, clock.Elapsed);
    }

    /// <summary>host.json's <c>customHandler.description.defaultExecutablePath</c>, normalised to forward slashes.</summary>
    public static string ExecutablePath(string functionsRoot)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(functionsRoot, "host.json")))!;
        var path = hostJson["customHandler"]?["description"]?["defaultExecutablePath"]?.GetValue<string>()
                   ?? throw new AppPackageException("HOST_JSON_NO_EXECUTABLE",
                       "functions/host.json has no customHandler.description.defaultExecutablePath.",
                       "functions/host.json に customHandler.description.defaultExecutablePath がありません。");
        path = path.Replace('\\', '/');
        if (Path.IsPathRooted(path) || path.Contains("..", StringComparison.Ordinal) || !path.Contains('/'))
            throw new AppPackageException("HOST_JSON_EXECUTABLE_PATH",
                $"defaultExecutablePath '{path}' must be a relative path inside the app root, in a folder (e.g. bin/Hub.Functions).",
                $"defaultExecutablePath「{path}」はアプリのルート内のフォルダーを指す相対パス（例: bin/Hub.Functions）にしてください。");
        return path;
    }

    private static async Task PublishAsync(AppPackageOptions options, string output, CancellationToken cancellationToken)
    {
        // A separate artifacts path keeps the RID-specific restore and build out of the projects' own obj/ and
        // bin/ folders, which normal builds (and other developers' concurrent builds) use.
        var arguments = new List<string>
        {
            "publish", Path.Combine(options.RepoRoot, HandlerProject),
            "-c", "Release", "-r", options.RuntimeIdentifier, "--self-contained", "true",
            "-o", output, "--artifacts-path", Path.Combine(options.WorkDirectory, "build"),
            "-p:DebugType=none", "-p:DebugSymbols=false", "-p:GenerateDocumentationFile=false",
            $"-p:PublishReadyToRun={(options.ReadyToRun ? "true" : "false")}",
            "-nologo", "-v", "quiet",
        };
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = options.RepoRoot,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new AppPackageException("PUBLISH_FAILED", "dotnet could not be started.", "dotnet を起動できません。");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var log = (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim();
            var tail = string.Join('\n', log.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(20));
            throw new AppPackageException("PUBLISH_FAILED",
                $"dotnet publish failed (exit {process.ExitCode}):\n{(tail.Length > 0 ? tail : log)}",
                $"dotnet publish が失敗しました（終了コード {process.ExitCode}）。");
        }
    }

    private static void CopyFonts(string repoRoot, string target)
    {
        var package = Path.Combine(repoRoot, FontDirectoryLocator.NpmPackagePath);
        Directory.CreateDirectory(target);
        foreach (var (source, name) in Fonts)
        {
            var from = Path.Combine(package, source);
            if (!File.Exists(from))
                throw new AppPackageException("FONTS_MISSING",
                    $"{Path.Combine(FontDirectoryLocator.NpmPackagePath, source)} is missing: run `npm ci` in the repository root (./hub does it).",
                    $"{Path.Combine(FontDirectoryLocator.NpmPackagePath, source)} がありません。リポジトリのルートで `npm ci` を実行してください（./hub は自動で実行します）。");
            File.Copy(from, Path.Combine(target, name));
        }
    }

    private static List<AppPackageEntry> WriteZip(string stage, string zipPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        var temporary = zipPath + ".tmp";
        var entries = new List<AppPackageEntry>();
        using (var zip = ZipFile.Open(temporary, ZipArchiveMode.Create))
        {
            foreach (var file in Directory.EnumerateFiles(stage, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetRelativePath(stage, file).Replace('\\', '/');
                var mode = OperatingSystem.IsWindows() ? (UnixFileMode)0b110_100_100 : File.GetUnixFileMode(file);
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                // Unix mode in the high 16 bits with the regular-file type (S_IFREG), as zip(1) stores it.
                entry.ExternalAttributes = ((int)mode | 0x8000) << 16;
                entry.LastWriteTime = File.GetLastWriteTimeUtc(file);
                using (var input = File.OpenRead(file))
                using (var output = entry.Open())
                    input.CopyTo(output);
                var executable = (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
                entries.Add(new AppPackageEntry(name, new FileInfo(file).Length, executable));
            }
        }
        File.Move(temporary, zipPath, overwrite: true);
        return entries;
    }
}
