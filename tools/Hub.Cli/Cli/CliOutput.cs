using Spectre.Console;

namespace Hub.Cli.Cli;

/// <summary>Console output conventions: progress on stderr-like lines, results on stdout, errors in red.</summary>
public static class CliOutput
{
    /// <summary>A progress line (dim).</summary>
    public static void Progress(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    /// <summary>A headline.</summary>
    public static void Title(string text) => AnsiConsole.MarkupLine($"[bold]{Markup.Escape(text)}[/]");

    /// <summary>A success line.</summary>
    public static void Ok(string text) => AnsiConsole.MarkupLine($"[green]✓[/] {Markup.Escape(text)}");

    /// <summary>A warning line.</summary>
    public static void Warn(string text) => AnsiConsole.MarkupLine($"[yellow]![/] {Markup.Escape(text)}");

    /// <summary>An error line.</summary>
    public static void Error(string text) => AnsiConsole.MarkupLine($"[red]✗ {Markup.Escape(text)}[/]");
}
