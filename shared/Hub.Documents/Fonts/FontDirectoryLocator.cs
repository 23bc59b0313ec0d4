namespace Hub.Documents.Fonts;

/// <summary>
/// Finds the BIZ UDGothic font files: explicit option, then <c>HUB_FONTS_DIR</c>, then <c>fonts/</c> next to
/// the assembly (deployment), then the npm package above the current or base directory (development).
/// </summary>
public static class FontDirectoryLocator
{
    /// <summary>Environment variable naming the fonts folder.</summary>
    public const string EnvironmentVariable = "HUB_FONTS_DIR";

    /// <summary>Where <c>npm ci</c> installs the font package, relative to the repository root.</summary>
    public const string NpmPackagePath = "node_modules/@expo-google-fonts/biz-udgothic";

    // Accepted layouts: the Google Fonts names (deployment zip), the npm package's file names, flat or in
    // its per-weight subfolders.
    private static readonly string[] RegularNames =
        ["BIZUDGothic-Regular.ttf", "BIZUDGothic_400Regular.ttf", "400Regular/BIZUDGothic_400Regular.ttf"];

    /// <summary>Locates the font from the process environment; throws DOC_FONTS_NOT_FOUND when absent.</summary>
    public static FontFiles Locate(string? explicitDirectory) =>
        Locate(
            explicitDirectory,
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            Path.GetDirectoryName(typeof(FontDirectoryLocator).Assembly.Location) ?? AppContext.BaseDirectory,
            [Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);

    /// <summary>Locates the fonts from the given places (testable core of <see cref="Locate(string?)"/>).</summary>
    public static FontFiles Locate(
        string? explicitDirectory, string? environmentDirectory, string assemblyDirectory, IEnumerable<string> searchRoots)
    {
        // An explicit choice that is wrong is an error, never silently replaced by a fallback.
        if (!string.IsNullOrWhiteSpace(explicitDirectory))
            return InDirectory(explicitDirectory) ?? throw NotFound([Path.GetFullPath(explicitDirectory)], "DocumentOptions.FontsDirectory");
        if (!string.IsNullOrWhiteSpace(environmentDirectory))
            return InDirectory(environmentDirectory) ?? throw NotFound([Path.GetFullPath(environmentDirectory)], EnvironmentVariable);

        var tried = new List<string>();
        var besideAssembly = Path.Combine(assemblyDirectory, "fonts");
        tried.Add(besideAssembly);
        if (InDirectory(besideAssembly) is { } deployed)
            return deployed;

        foreach (var root in searchRoots)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(root)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, NpmPackagePath);
                if (tried.Contains(candidate))
                    continue;
                tried.Add(candidate);
                if (InDirectory(candidate) is { } found)
                    return found;
            }
        }

        throw NotFound(tried, null);
    }

    private static FontFiles? InDirectory(string directory)
    {
        var regular = FirstExisting(directory, RegularNames);
        return regular is not null ? new FontFiles(regular) : null;
    }

    private static string? FirstExisting(string directory, string[] names)
    {
        foreach (var name in names)
        {
            var path = Path.GetFullPath(Path.Combine(directory, name));
            if (File.Exists(path))
                return path;
        }

        return null;
    }

    private static DocumentException NotFound(IReadOnlyList<string> tried, string? source)
    {
        var where = string.Join(", ", tried);
        var from = source is null ? "" : $" (from {source})";
        var fromJa = source is null ? "" : $"（{source} で指定）";
        return new DocumentException(
            DocumentErrorCodes.FontsNotFound,
            $"BIZ UDGothic font (BIZUDGothic-Regular.ttf or BIZUDGothic_400Regular.ttf) not found{from}; looked in: {where}. " +
            $"Set DocumentOptions.FontsDirectory or {EnvironmentVariable}, ship it in fonts/ next to the application, " +
            "or run `npm ci` in the repository root.",
            $"BIZ UDゴシックのフォント（BIZUDGothic-Regular.ttf または BIZUDGothic_400Regular.ttf）が見つかりません{fromJa}。探した場所: {where}。" +
            $"DocumentOptions.FontsDirectory または {EnvironmentVariable} を設定するか、アプリケーションの fonts/ に配置するか、" +
            "リポジトリのルートで `npm ci` を実行してください。");
    }
}
