using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Commands;
using Spectre.Console;

namespace RetouchPlugins.Tests.Support;

/// <summary>`retouch skin` as the CLI runs it (the catalog's skin recipe through EffectCommand), for tests.</summary>
internal static class SkinRun
{
    /// <param name="analyze">Null: the real analyzer; otherwise the faces to use (hand-placed).</param>
    public static int Run(string input, string output, string? masks, EffectSettings settings, IAnsiConsole console,
        PortraitAnalyze? analyze, CancellationToken cancellation, bool layers = false) =>
        EffectCommand.Run(EffectCatalog.Get("skin").Create(), new RunRequest(input, output, settings, layers, masks), console,
            analyze is null ? null : new DelegateAnalysisProvider(analyze), cancellation);
}
