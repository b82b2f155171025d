using Spectre.Console;

namespace RetouchPlugins.Standalone;

/// <summary>
/// The consoles the commands write to. When a stream is not a terminal (piped, redirected to a file, a CI
/// log) it gets plain text: no colour codes, no cursor movement, and no wrapping at 80 columns, so
/// `retouch ... 2>errors.txt` holds one readable line per error. NO_COLOR is honoured by Spectre itself.
/// </summary>
internal static class Terminal
{
    public static IAnsiConsole Out() => For(Console.Out, Console.IsOutputRedirected);

    /// <summary>Standard error: every "error: FILE: problem" line goes here.</summary>
    public static IAnsiConsole Error() => For(Console.Error, Console.IsErrorRedirected);

    public static IAnsiConsole For(TextWriter writer, bool redirected) => redirected
        ? Create(writer, AnsiSupport.No, ColorSystemSupport.NoColors, InteractionSupport.No, width: 4096)
        : Create(writer, AnsiSupport.Detect, ColorSystemSupport.Detect, InteractionSupport.Detect, width: 0);

    /// <summary>
    /// A console for a command whose own stream is elsewhere (the worker writes into the command's connection): a
    /// terminal there gets colour and progress bars at its width, anything else plain text as above.
    /// </summary>
    public static IAnsiConsole ForCaller(TextWriter writer, bool terminal, int width) => terminal
        ? Create(writer, AnsiSupport.Yes, ColorSystemSupport.Standard, InteractionSupport.Yes, width)
        : For(writer, redirected: true);

    /// <param name="width">Columns; 0 leaves Spectre's own.</param>
    private static IAnsiConsole Create(TextWriter writer, AnsiSupport ansi, ColorSystemSupport colours, InteractionSupport interactive, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = ansi,
            ColorSystem = colours,
            Interactive = interactive,
        });
        if (width > 0) console.Profile.Width = width;
        return console;
    }

    /// <summary>One error line, "error: " then the message (which starts with the file it is about).</summary>
    public static void WriteError(IAnsiConsole errors, string message) => errors.MarkupLineInterpolated($"[red]error[/]: {message}");
}
