using RetouchPlugins.Shared.Analysis;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// Where an effect command writes and which analysis it runs on. A process of its own (the usual `retouch ID`)
/// writes to its terminal and opens the models for the one run; the warm worker (`retouch worker`) writes into the
/// client's connection and lends the models it keeps open.
/// </summary>
/// <param name="Out">Progress and the summary.</param>
/// <param name="Error">The "error: FILE: problem" lines.</param>
/// <param name="Analysis">The analysis to run on for `--cpu` (true) or not; null: the command opens its own.</param>
/// <param name="Note">A line after the summary (the worker says it ran there); null: none.</param>
internal sealed record CommandHost(Func<IAnsiConsole> Out, Func<IAnsiConsole> Error, Func<bool, IAnalysisProvider?> Analysis, string? Note = null)
{
    /// <summary>This process's own terminal; the models opened per run.</summary>
    public static readonly CommandHost Process = new(Terminal.Out, Terminal.Error, _ => null);
}
