using System.CommandLine;
using System.Diagnostics;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Batch;
using RetouchPlugins.Standalone.Output;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `retouch batch DIR -o OUTDIR --effect skin [--format F] [--layers] [--jobs N] [--overwrite] [effect options]`:
/// every photo in DIR through the effect, in parallel, skipping outputs that already exist (a re-run
/// resumes), with a progress display and a summary table. Exit 0 all done or skipped, 3 some failed,
/// 2 bad arguments, 130 cancelled.
/// </summary>
public static class BatchCommand
{
    /// <summary>The effects a batch can run.</summary>
    public static readonly IReadOnlyList<string> Effects = ["skin"];

    public static Command Create() => Create(AnsiConsole.Console, null);

    /// <summary>Tests pass their console and an effect factory (e.g. with a hand-placed analysis).</summary>
    internal static Command Create(IAnsiConsole console, Func<BatchRequest, IBatchEffect>? makeEffect)
    {
        var command = new Command("batch", "Retouch every photo in a folder (parallel, resumable).");
        var input = new Argument<DirectoryInfo>("DIR") { Description = "Folder of photos (.jpg, .png, .tif, .webp; not searched recursively)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the results; existing results are skipped.", Required = true };
        // --effect and --format are checked by Run, not the parser, so a wrong value exits 2 like other bad arguments.
        var effect = new Option<string>("--effect") { Description = $"The effect to run: {string.Join(", ", Effects)}.", DefaultValueFactory = _ => "skin" };
        var format = new Option<string?>("--format") { Description = $"Output format: {string.Join(", ", BatchPlan.Formats)} (default: the input's own)." };
        var layers = new Option<bool>("--layers") { Description = "Write .tif results as layers (original, retouched, masks); .ora and .psd are always layered." };
        var jobs = new Option<int?>("--jobs", "-j") { Description = "At most this many photos at once (default: one per core, fewer if memory is short)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Process photos again even when their result exists." };
        var pipeline = new SkinPipeline();
        var effectOptions = new EffectOptions(pipeline.Parameters);
        var parsing = new ParsingModelOptions();
        command.Arguments.Add(input);
        foreach (var o in new Option[] { output, effect, format, layers, jobs, overwrite }) command.Options.Add(o);
        parsing.AddTo(command);
        effectOptions.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            EffectSettings settings;
            ParsingOptions? parsingModel;
            try
            {
                settings = effectOptions.Read(parse, pipeline.Parameters);
                parsingModel = parsing.Read(parse);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                console.MarkupLineInterpolated($"[red]error[/]: {e.Message}");
                return Task.FromResult(BatchSummary.BadArguments);
            }
            if (!Effects.Contains(parse.GetValue(effect)))
            {
                console.MarkupLineInterpolated($"[red]error[/]: --effect {parse.GetValue(effect)}: use one of {string.Join(", ", Effects)}");
                return Task.FromResult(BatchSummary.BadArguments);
            }
            var request = new BatchRequest(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName,
                parse.GetValue(format), parse.GetValue(layers), parse.GetValue(jobs), parse.GetValue(overwrite), settings);
            var chosen = makeEffect?.Invoke(request) ?? new SkinBatchEffect(settings, request.Layers,
                parsingModel is null ? null : () => FaceAnalysisSession.OpenDefault(parsingModel));
            try { return Task.FromResult(Run(request, chosen, console, cancellation)); }
            finally { (chosen as IDisposable)?.Dispose(); } // the shared face models
        });
        return command;
    }

    internal static int Run(BatchRequest request, IBatchEffect effect, IAnsiConsole console, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<BatchItem> items;
        try
        {
            if (request.Jobs is < 1) throw new ArgumentException($"--jobs {request.Jobs}: give at least 1");
            items = BatchPlan.Create(request.InputFolder, request.OutputFolder, request.Format);
            foreach (var item in items) RetouchedOutput.Check(item.Output, request.Layers);
        }
        catch (ArgumentException e)
        {
            console.MarkupLineInterpolated($"[red]error[/]: {e.Message}");
            return BatchSummary.BadArguments;
        }
        if (items.Count == 0)
        {
            console.MarkupLineInterpolated($"no photos in {request.InputFolder}");
            return BatchSummary.AllOk;
        }
        Directory.CreateDirectory(request.OutputFolder);
        BatchPlan.RemoveStaleTemporaries(request.OutputFolder);

        var results = new BatchResult?[items.Count];
        var pending = new List<int>();
        var estimates = new List<long>();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!request.Overwrite && File.Exists(item.Output))
            {
                // Outputs are renamed into place only when complete, so an existing one is a finished one.
                results[i] = new BatchResult(item, BatchStatus.Skipped, TimeSpan.Zero, "result exists");
                continue;
            }
            try
            {
                estimates.Add(MemoryBudget.Estimate(ImageFile.ReadInfo(item.Input), RetouchedOutput.IsLayered(item.Output, request.Layers)));
                pending.Add(i);
            }
            catch (ImageFileException e)
            {
                results[i] = new BatchResult(item, BatchStatus.Failed, TimeSpan.Zero, e.Message);
            }
        }

        int workers = MemoryBudget.Workers(estimates, Environment.ProcessorCount, MemoryBudget.Available(), request.Jobs);
        if (pending.Count > 0)
        {
            var ran = new BatchRunner(effect, workers, console).Run(pending.Select(i => items[i]).ToArray(), cancellation);
            for (int k = 0; k < pending.Count; k++) results[pending[k]] = ran[k];
        }
        var all = results.Select(r => r!).ToArray();
        BatchSummary.Write(console, all, clock.Elapsed, workers);
        return BatchSummary.ExitCode(all, cancellation.IsCancellationRequested);
    }
}

/// <summary>What `retouch batch` was asked to do.</summary>
internal sealed record BatchRequest(string InputFolder, string OutputFolder, string? Format, bool Layers, int? Jobs, bool Overwrite, EffectSettings Settings);
