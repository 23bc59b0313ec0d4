using Hub.Documents.Fonts;

namespace Hub.Documents.Tests;

public sealed class FontDirectoryLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hub-fonts-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Explicit_directory_that_lacks_the_font_is_a_clear_error_not_a_fallback()
    {
        var missing = Path.Combine(_root, "nowhere");
        var npm = NpmLayout(Path.Combine(_root, "repo"));

        var error = Assert.Throws<DocumentException>(() => FontDirectoryLocator.Locate(missing, null, _root, [npm]));

        Assert.Equal(DocumentErrorCodes.FontsNotFound, error.Code);
        Assert.Contains(missing, error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("DocumentOptions.FontsDirectory", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("BIZ UDゴシック", error.MessageJa, StringComparison.Ordinal);
        Assert.Contains(missing, error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_directory_that_lacks_the_font_names_the_variable()
    {
        var missing = Path.Combine(_root, "env-fonts");

        var error = Assert.Throws<DocumentException>(() => FontDirectoryLocator.Locate(null, missing, _root, []));

        Assert.Equal(DocumentErrorCodes.FontsNotFound, error.Code);
        Assert.Contains(FontDirectoryLocator.EnvironmentVariable, error.MessageEn, StringComparison.Ordinal);
        Assert.Contains(missing, error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_anywhere_lists_every_place_looked_and_how_to_fix_it()
    {
        var start = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;

        var error = Assert.Throws<DocumentException>(() => FontDirectoryLocator.Locate(null, null, Path.Combine(_root, "app"), [start]));

        Assert.Equal(DocumentErrorCodes.FontsNotFound, error.Code);
        Assert.Contains(Path.Combine(_root, "app", "fonts"), error.MessageEn, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "a", "b", "node_modules", "@expo-google-fonts", "biz-udgothic"), error.MessageEn, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_root, "a", "node_modules", "@expo-google-fonts", "biz-udgothic"), error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("npm ci", error.MessageEn, StringComparison.Ordinal);
        Assert.Contains("npm ci", error.MessageJa, StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_directory_wins_over_everything_else()
    {
        var explicitDir = Flat(Path.Combine(_root, "explicit"), "BIZUDGothic-Regular.ttf");
        var envDir = Flat(Path.Combine(_root, "env"), "BIZUDGothic-Regular.ttf");

        var found = FontDirectoryLocator.Locate(explicitDir, envDir, _root, []);

        Assert.Equal(Path.Combine(explicitDir, "BIZUDGothic-Regular.ttf"), found.RegularPath);
    }

    [Fact]
    public void Environment_wins_over_the_fonts_folder_beside_the_assembly()
    {
        var envDir = Flat(Path.Combine(_root, "env"), "BIZUDGothic_400Regular.ttf");
        var app = Path.Combine(_root, "app");
        Flat(Path.Combine(app, "fonts"), "BIZUDGothic-Regular.ttf");

        var found = FontDirectoryLocator.Locate(null, envDir, app, []);

        Assert.Equal(Path.Combine(envDir, "BIZUDGothic_400Regular.ttf"), found.RegularPath);
    }

    [Fact]
    public void Deployment_fonts_folder_beside_the_assembly_is_found()
    {
        var app = Path.Combine(_root, "app");
        var fonts = Flat(Path.Combine(app, "fonts"), "BIZUDGothic-Regular.ttf");

        var found = FontDirectoryLocator.Locate(null, "", app, [NpmLayout(Path.Combine(_root, "repo"))]);

        Assert.Equal(Path.Combine(fonts, "BIZUDGothic-Regular.ttf"), found.RegularPath);
    }

    [Fact]
    public void Npm_package_is_found_by_walking_up_from_a_nested_directory()
    {
        var repo = Path.Combine(_root, "repo");
        NpmLayout(repo);
        var nested = Directory.CreateDirectory(Path.Combine(repo, "tests", "X", "bin", "Debug", "net10.0")).FullName;

        var found = FontDirectoryLocator.Locate(null, null, nested, [nested]);

        Assert.Equal(Path.Combine(repo, "node_modules", "@expo-google-fonts", "biz-udgothic", "400Regular", "BIZUDGothic_400Regular.ttf"), found.RegularPath);
    }

    [Fact]
    public void The_real_repository_font_is_found_from_the_test_directory()
    {
        var found = FontDirectoryLocator.Locate(null);

        Assert.True(File.Exists(found.RegularPath), found.RegularPath);
        Assert.True(new FileInfo(found.RegularPath).Length > 1_000_000);
    }

    private static string Flat(string directory, string fileName)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, fileName), [0]);
        return directory;
    }

    private static string NpmLayout(string repo)
    {
        var package = Path.Combine(repo, "node_modules", "@expo-google-fonts", "biz-udgothic");
        Flat(Path.Combine(package, "400Regular"), "BIZUDGothic_400Regular.ttf");
        return repo;
    }
}
