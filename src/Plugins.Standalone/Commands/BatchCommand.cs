using System.CommandLine;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone.Batch;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `retouch batch DIR -o OUTDIR [--effect ID] [--format F] [--layers] [--jobs N] [--overwrite] [effect options]`:
/// every photo in DIR through a catalog effect (default: skin), in parallel, skipping outputs that already
/// exist (a re-run resumes), with a progress display and a summary table. The effect options are every
/// catalog effect's parameters; one that the chosen effect lacks is refused. Exit 0 all done or skipped,
/// 3 some failed, 2 bad arguments, 130 cancelled.
/// </summary>
public static class BatchCommand
{
    public const string DefaultEffect = "skin";

    public static Command Create(HostCatalog catalog) => Create(Terminal.Out(), null, errors: Terminal.Error(), catalog: catalog);

    /// <summary>
    /// Tests pass their console and an analysis provider (e.g. with hand-placed faces) and, optionally, a result
    /// writer; errors go to <paramref name="errors"/> (standard error in the real command; default: the console).
    /// </summary>
    internal static Command Create(IAnsiConsole console, IAnalysisProvider? analysis, ResultWriter? write = null, IAnsiConsole? errors = null,
        HostCatalog? catalog = null)
    {
        errors ??= console;
        catalog ??= HostCatalog.BuiltIn;
        var ids = catalog.All.Select(e => e.Id).ToArray();
        var command = new Command("batch", "Run an effect on every photo in a folder (parallel, resumable).");
        var input = new Argument<DirectoryInfo>("DIR") { Description = "Folder of photos (.jpg, .png, .tif, .webp, .avif; not searched recursively; camera raw files are left alone)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the results; existing results are skipped.", Required = true };
        // --effect and --format are checked by Run, not the parser, so a wrong value exits 2 like other bad arguments.
        var effect = new Option<string>("--effect") { Description = $"The effect to run: {string.Join(", ", ids)}.", DefaultValueFactory = _ => DefaultEffect };
        var format = new Option<string?>("--format") { Description = $"Output format: {string.Join(", ", BatchPlan.Formats)} (default: the input's own)." };
        var layers = new Option<bool>("--layers") { Description = "Write .tif results as layers (original, result, masks); .ora, .psd and .psb are always layered." };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "At most this many photos at once (default: one per core, fewer if memory is short)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Process photos again even when their result exists." };
        // Points are places in one photo (a retoucher's clicks): the same pixels on every photo of a folder mean nothing.
        var effectOptions = new EffectOptions(catalog.All.SelectMany(e => e.Descriptor.Parameters).Where(p => !p.IsPoints));
        var limitOptions = new LimitOptions();
        var cpu = CpuOption.Create();
        command.Arguments.Add(input);
        foreach (var o in new Option[] { output, effect, format, layers, jobs, overwrite, cpu }) command.Options.Add(o);
        effectOptions.AddTo(command);
        limitOptions.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            CatalogEntry entry;
            IPortraitEffect made;
            EffectSettings settings;
            RunLimits limits;
            try
            {
                entry = catalog.Get(parse.GetValue(effect)!);
                settings = effectOptions.Read(parse, entry.Descriptor.Parameters, entry.Id);
                limits = limitOptions.Read(parse);
                made = entry.Create();
            }
            catch (Exception e) when (RunExit.IsInputError(e))
            {
                Terminal.WriteError(errors, $"{(e.Message.StartsWith("unknown effect", StringComparison.Ordinal) ? "--effect: " : "")}{e.Message}");
                return Task.FromResult(RunExit.BadArguments);
            }
            var request = new BatchRequest(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName,
                parse.GetValue(format), parse.GetValue(layers), parse.GetValue(jobs), parse.GetValue(overwrite), settings, limits);
            return Task.FromResult(Run(made, request, console, analysis, cancellation, write, errors, parse.GetValue(cpu)));
        });
        return command;
    }

    internal static int Run(IPortraitEffect effect, BatchRequest request, IAnsiConsole console, IAnalysisProvider? analysis,
        CancellationToken cancellation, ResultWriter? write = null, IAnsiConsole? errors = null, bool forceCpu = false)
    {
        errors ??= console;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var provider = analysis is null ? CommandAnalysis.Open(forceCpu) : null;
        using var resources = new EffectResources(analysis ?? provider!);
        var job = new BatchJob(new EffectRunner(analysis ?? provider!, resources, write), effect);
        BatchOutcome outcome;
        try
        {
            outcome = SpectreBatchObserver.Show(console, effect.Descriptor.Id, observer => job.Run(request, observer, cancellation));
        }
        catch (Exception e) when (RunExit.IsArgumentError(e))
        {
            Terminal.WriteError(errors, e.Message);
            return RunExit.BadArguments;
        }
        if (outcome.Results.Count == 0) console.MarkupLineInterpolated($"no photos in {request.InputFolder}");
        else BatchSummary.Write(console, outcome.Results, clock.Elapsed, outcome.Workers);
        WriteCameraRawNote(console, outcome.CameraRawFiles);
        return outcome.ExitCode;
    }

    /// <summary>Says which camera raw files were left alone and why, so that a shoot folder's raws are not silently missing.</summary>
    private static void WriteCameraRawNote(IAnsiConsole console, IReadOnlyList<string> raws)
    {
        if (raws.Count == 0) return;
        var named = string.Join(", ", raws.Take(3)) + (raws.Count > 3 ? $" and {raws.Count - 3} more" : "");
        console.MarkupLineInterpolated(
            $"left alone: {raws.Count} camera raw file(s) ({named}); retouch works on developed photos: export them from your raw developer as 16-bit TIFF or JPEG");
    }
}
