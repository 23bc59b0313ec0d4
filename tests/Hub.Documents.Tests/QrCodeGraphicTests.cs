using Hub.Documents.Layout;

namespace Hub.Documents.Tests;

public sealed class QrCodeGraphicTests
{
    private static readonly QrCodeGraphic Qr = QrCodeGraphic.MynaPortal;

    [Fact]
    public void Encodes_the_Myna_Portal_address()
    {
        Assert.Equal("https://myna.go.jp/", Qr.Content);
    }

    [Fact]
    public void Has_a_valid_size_with_a_four_module_quiet_zone()
    {
        var symbol = Qr.ModuleCount - 8;
        Assert.True(symbol >= 21 && (symbol - 17) % 4 == 0, $"symbol size {symbol}");
        for (var i = 0; i < Qr.ModuleCount; i++)
        {
            for (var q = 0; q < 4; q++)
            {
                Assert.False(Qr.Dark[q][i]);
                Assert.False(Qr.Dark[Qr.ModuleCount - 1 - q][i]);
                Assert.False(Qr.Dark[i][q]);
                Assert.False(Qr.Dark[i][Qr.ModuleCount - 1 - q]);
            }
        }
    }

    [Fact]
    public void Has_the_three_finder_patterns()
    {
        var symbol = Qr.ModuleCount - 8;
        foreach (var (row, column) in new[] { (4, 4), (4, 4 + symbol - 7), (4 + symbol - 7, 4) })
        {
            for (var r = 0; r < 7; r++)
            {
                for (var c = 0; c < 7; c++)
                {
                    var ring = Math.Max(Math.Abs(r - 3), Math.Abs(c - 3));
                    Assert.Equal(ring != 2, Qr.Dark[row + r][column + c]); // dark outer ring, light ring, dark 3×3 core
                }
            }
        }
    }

    [Fact]
    public void Runs_cover_exactly_the_dark_modules()
    {
        var rebuilt = new bool[Qr.ModuleCount, Qr.ModuleCount];
        foreach (var (row, column, length) in Qr.Runs)
        {
            Assert.True(length > 0);
            for (var c = column; c < column + length; c++)
            {
                Assert.False(rebuilt[row, c], "runs overlap");
                rebuilt[row, c] = true;
            }
        }

        for (var r = 0; r < Qr.ModuleCount; r++)
            for (var c = 0; c < Qr.ModuleCount; c++)
                Assert.Equal(Qr.Dark[r][c], rebuilt[r, c]);
    }
}
