using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Cli.Commands.Ops;
using Hub.Documents.Fonts;
using Hub.Testing;

namespace Hub.Infra.Tests;

/// <summary>Builds the deployable zip once per test run, as <c>./hub publish</c> does (the real self-contained publish).</summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("hub-publish-").FullName;

    /// <summary>The build result.</summary>
    public AppPackageResult Result { get; private set; } = null!;

    /// <summary>The zip, extracted with Unix modes as the platform would.</summary>
    public string Extracted => Path.Combine(_work, "extracted");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Kept between runs (under the git-ignored .hub/) so the publish is incremental; the zip is always rebuilt.
        // Test runs started at the same time (several developers on one checkout) take turns on it.
        var work = RepoPaths.Combine(".hub", "infra-tests", "publish");
        Directory.CreateDirectory(work);
        await using var turn = await TakeTurnAsync(Path.Combine(work, ".lock"));
        Result = await AppPackage.BuildAsync(new AppPackageOptions
        {
            RepoRoot = RepoPaths.Root,
            OutputZip = Path.Combine(_work, "app.zip"),
            WorkDirectory = work,
        });
        ZipFile.ExtractToDirectory(Result.ZipPath, Extracted);
        Console.WriteLine($"[infra tests] ./hub publish equivalent took {Result.Elapsed.TotalSeconds:F1} s, zip {Result.ZipBytes / 1024 / 1024} MB");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<FileStream> TakeTurnAsync(string lockFile)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }
}

/// <summary>The zip holds what host.json points at, the function definitions, the fonts, and nothing that should not ship.</summary>
public class PackageTests(PublishedPackage package) : IClassFixture<PublishedPackage>
{
    private static readonly string FunctionsRoot = InfraPaths.Functions;

    private ZipArchive Open() => ZipFile.OpenRead(package.Result.ZipPath);

    [Fact]
    public void The_executable_is_where_host_json_points_self_contained_for_linux_x64()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(FunctionsRoot, "host.json")))!;
        var executable = hostJson["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        Assert.Equal(executable, package.Result.ExecutablePath);
        using var zip = Open();
        var entry = zip.GetEntry(executable);
        Assert.NotNull(entry);

        using (var stream = entry.Open())
        {
            var header = new byte[20];
            stream.ReadExactly(header);
            Assert.Equal("\u007fELF"u8.ToArray(), header[..4]); // a Linux executable…
            Assert.Equal(0x3E, BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18))); // …for x86-64
        }
        var folder = executable[..(executable.LastIndexOf('/') + 1)];
        Assert.NotNull(zip.GetEntry(folder + "libcoreclr.so")); // the runtime ships with it: the custom-handler image has no .NET
        Assert.NotNull(zip.GetEntry(folder + "Hub.Functions.dll"));
        var runtimeConfig = JsonNode.Parse(new StreamReader(zip.GetEntry(folder + "Hub.Functions.runtimeconfig.json")!.Open()).ReadToEnd())!;
        Assert.NotNull(runtimeConfig["runtimeOptions"]!["includedFrameworks"]); // self-contained
        Assert.Null(runtimeConfig["runtimeOptions"]!["framework"]);
    }

    [Fact]
    public void The_executable_keeps_its_execute_bit_in_the_zip_and_when_extracted()
    {
        var executable = package.Result.ExecutablePath;
        var central = CentralDirectory(package.Result.ZipPath);
        var (madeBy, attributes) = central[executable];
        Assert.Equal(3, madeBy >> 8); // "version made by" = Unix, so unzip and the platform honour the mode
        var mode = (UnixFileMode)((attributes >> 16) & 0xFFF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute), $"mode {Convert.ToString((int)mode, 8)}");
        Assert.Equal(0x8000u, (attributes >> 16) & 0xF000u); // a regular file
        Assert.All(central.Where(e => e.Key.EndsWith(".json", StringComparison.Ordinal)), e => Assert.False(((UnixFileMode)((e.Value.Attributes >> 16) & 0xFFF)).HasFlag(UnixFileMode.UserExecute), e.Key));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(package.Extracted, executable)).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public void Host_json_and_every_function_json_are_copied_verbatim_and_sources_are_not()
    {
        using var zip = Open();
        Assert.Equal(File.ReadAllBytes(Path.Combine(FunctionsRoot, "host.json")), Read(zip, "host.json"));
        var functions = CodeInventory.Functions.Select(f => f.Name).ToList();
        Assert.NotEmpty(functions);
        foreach (var name in functions)
            Assert.Equal(File.ReadAllBytes(Path.Combine(FunctionsRoot, name, "function.json")), Read(zip, $"{name}/function.json"));

        var handlerFolder = package.Result.ExecutablePath.Split('/')[0] + "/";
        var topLevel = zip.Entries.Select(e => e.FullName.Split('/')[0] + (e.FullName.Contains('/') ? "/" : "")).Distinct().ToList();
        Assert.Equal(functions.Select(f => f + "/").Append("host.json").Append(handlerFolder).Order(StringComparer.Ordinal), topLevel.Order(StringComparer.Ordinal));
        foreach (var name in functions) Assert.Single(zip.Entries, e => e.FullName.StartsWith(name + "/", StringComparison.Ordinal));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".pdb", StringComparison.Ordinal) || e.FullName.EndsWith(".cs", StringComparison.Ordinal) ||
                                                e.FullName.Contains("local.settings", StringComparison.Ordinal) || e.FullName.StartsWith("src/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_fonts_and_their_licence_are_next_to_the_handler_where_the_renderer_finds_them()
    {
        using var zip = Open();
        var handlerFolder = package.Result.ExecutablePath.Split('/')[0];
        var npm = Path.Combine(RepoPaths.Root, FontDirectoryLocator.NpmPackagePath);
        Assert.Equal(File.ReadAllBytes(Path.Combine(npm, "400Regular", "BIZUDGothic_400Regular.ttf")), Read(zip, $"{handlerFolder}/fonts/BIZUDGothic-Regular.ttf"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(npm, "700Bold", "BIZUDGothic_700Bold.ttf")), Read(zip, $"{handlerFolder}/fonts/BIZUDGothic-Bold.ttf"));
        Assert.Contains("SIL OPEN FONT LICENSE", Encoding.UTF8.GetString(Read(zip, $"{handlerFolder}/fonts/OFL.txt")), StringComparison.OrdinalIgnoreCase);

        // The renderer's own lookup, pointed at the extracted handler folder as its assembly directory, with no fallbacks.
        var handler = Path.Combine(package.Extracted, handlerFolder);
        var found = FontDirectoryLocator.Locate(null, null, handler, []);
        Assert.Equal(Path.Combine(handler, "fonts", "BIZUDGothic-Regular.ttf"), found.RegularPath);
    }

    [Fact]
    public async Task The_extracted_handler_starts_and_serves_the_host_readiness_probe()
    {
        var executable = Path.Combine(package.Extracted, package.Result.ExecutablePath);
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = package.Extracted, // the app root, as the host starts it
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in CodeInventory.SampleSettings) start.Environment[name] = value;
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = package.Extracted;
        start.Environment.Remove("DOTNET_ROOT"); // prove it needs no installed runtime
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpResponseMessage? ready = null;
            while (ready is null && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    ready = await http.GetAsync($"http://127.0.0.1:{port}/");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }
            Assert.True(ready is not null, "the handler never answered GET /. Output:\n" + output);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
            var served = body["functions"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
            var defined = CodeInventory.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            Assert.All(served, f => Assert.Contains(f, defined)); // every function the handler serves has its function.json in the zip
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the zip");
        using var stream = entry.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Reads "version made by" and the external attributes of each entry from the zip's central directory.</summary>
    private static Dictionary<string, (int MadeBy, uint Attributes)> CentralDirectory(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var end = bytes.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end + 10));
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 16));
        var result = new Dictionary<string, (int, uint)>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var header = bytes.AsSpan(offset);
            Assert.Equal(0x02014b50u, BinaryPrimitives.ReadUInt32LittleEndian(header));
            var madeBy = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            var attributes = BinaryPrimitives.ReadUInt32LittleEndian(header[38..]);
            result[Encoding.UTF8.GetString(header.Slice(46, nameLength))] = (madeBy, attributes);
            offset += 46 + nameLength + extraLength + commentLength;
        }
        return result;
    }
}
