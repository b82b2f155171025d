using System.CommandLine;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Running;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `retouch ID IMAGE -o OUT [--masks DIR] [--layers] [effect options]`, generated for every catalog entry
/// from its descriptor: the options are its parameters, the help its summary. The run is the shared
/// <see cref="EffectRunner"/>: the result keeps the input's bit depth, ICC profile and EXIF, .ora/.psd (and
/// .tif with --layers) are layered, a photo without faces is written unchanged (exit 0, with a message).
/// </summary>
public static class EffectCommand
{
    public static Command Create(CatalogEntry entry) => Create(entry, CommandHost.Process);

    internal static Command Create(CatalogEntry entry, CommandHost host)
    {
        var descriptor = entry.Descriptor;
        var command = new Command(descriptor.Id, descriptor.Summary);
        var image = new Argument<FileInfo>("IMAGE") { Description = "The photo (JPEG, PNG, TIFF 8/16-bit, WebP, AVIF)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the result (.jpg, .png, .tif flat; .ora, .psd, .psb layered); never the input.", Required = true };
        var masks = new Option<DirectoryInfo?>("--masks") { Description = $"Also write the masks ({string.Join(", ", descriptor.Masks.Select(m => m.Id))}) as PNGs into this folder." };
        var layers = new Option<bool>("--layers") { Description = $"Write a .tif as layers (original, {descriptor.ResultLayer.ToLowerInvariant()}, masks) instead of one flat image; .ora, .psd and .psb are always layered." };
        var effectOptions = new EffectOptions(descriptor.Parameters);
        var limitOptions = new LimitOptions();
        var cpu = CpuOption.Create();
        command.Arguments.Add(image);
        command.Options.Add(output);
        command.Options.Add(masks);
        command.Options.Add(layers);
        command.Options.Add(cpu);
        effectOptions.AddTo(command);
        limitOptions.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            EffectSettings settings;
            RunLimits limits;
            IPortraitEffect effect;
            try
            {
                settings = effectOptions.Read(parse, descriptor.Parameters, descriptor.Id);
                limits = limitOptions.Read(parse);
                effect = entry.Create(); // a plugin whose constructor throws is reported like bad input
            }
            catch (Exception e) when (RunExit.IsInputError(e))
            {
                Terminal.WriteError(host.Error(), e.Message);
                return Task.FromResult(RunExit.BadInput);
            }
            var request = new RunRequest(parse.GetValue(image)!.FullName, parse.GetValue(output)!.FullName, settings,
                parse.GetValue(layers), parse.GetValue(masks)?.FullName, limits);
            bool forceCpu = parse.GetValue(cpu);
            var console = host.Out();
            int exit = Run(effect, request, console, host.Analysis(forceCpu), cancellation, host.Error(), forceCpu);
            if (host.Note is not null && exit == RunExit.Ok) console.MarkupLineInterpolated($"  {host.Note}");
            return Task.FromResult(exit);
        });
        return command;
    }

    /// <summary>
    /// Runs one request. <paramref name="analysis"/> defaults to the models' analysis; tests pass their own.
    /// Returns the exit code; progress and the summary go to <paramref name="console"/>, errors to <paramref name="errors"/> (default: the same).
    /// <paramref name="forceCpu"/> keeps the models' analysis and user networks on the CPU (--cpu).
    /// </summary>
    internal static int Run(IPortraitEffect effect, RunRequest request, IAnsiConsole console, IAnalysisProvider? analysis,
        CancellationToken cancellation, IAnsiConsole? errors = null, bool forceCpu = false)
    {
        errors ??= console;
        try
        {
            // Before the models are opened: a refused photo (too large, unwritable output) costs no model load.
            EffectRunner.Validate(effect.Descriptor, request);
        }
        catch (Exception e) when (RunExit.IsInputError(e))
        {
            Terminal.WriteError(errors, e.Message);
            return RunExit.BadInput;
        }
        using var provider = analysis is null ? CommandAnalysis.Open(forceCpu) : null;
        using var resources = new EffectResources(analysis ?? provider!);
        var runner = new EffectRunner(analysis ?? provider!, resources);
        try
        {
            RunResult result = null!;
            console.Progress().AutoClear(true).HideCompleted(false).Start(ctx =>
                result = runner.Run(effect, request, new SpectreRunObserver(ctx), cancellation));
            Report(console, request, result);
            return RunExit.Ok;
        }
        catch (OperationCanceledException)
        {
            errors.MarkupLine("[yellow]cancelled[/]: nothing was written");
            return RunExit.Cancelled;
        }
        catch (Exception e) when (RunExit.IsInputError(e))
        {
            Terminal.WriteError(errors, e.Message);
            return RunExit.BadInput;
        }
    }

    private static void Report(IAnsiConsole console, RunRequest request, RunResult result)
    {
        if (result.NoFaces)
            console.MarkupLineInterpolated($"[yellow]{FaceEffects.NoFace}[/]: {request.Output} written as it was");
        else
        {
            var total = result.Stages.Sum(s => s.Time.TotalSeconds);
            var what = result.Faces is int n ? $"{n} face(s) retouched" : "done";
            console.MarkupLineInterpolated($"{what} in {total:0.0} s -> {request.Output} ({result.BitsPerSample}-bit)");
            if (result.Message is not null) console.MarkupLineInterpolated($"  {result.Message}");
            if (result.Colours is not null) console.MarkupLineInterpolated($"  colours: {result.Colours}");
            console.MarkupLineInterpolated($"  {string.Join(", ", result.Stages.Select(s => $"{s.Stage} {s.Time.TotalSeconds:0.00} s"))}");
        }
        if (request.MasksFolder is not null && result.Masks.Count > 0)
            console.MarkupLineInterpolated($"  masks: {string.Join(", ", result.Masks.Select(m => m.Kind.FileName))} in {request.MasksFolder}");
    }
}

/// <summary>A run's stages as Spectre progress bars.</summary>
internal sealed class SpectreRunObserver(ProgressContext context) : IRunObserver
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        [EffectRunner.Faces] = "find faces",
    };

    private ProgressTask? _task;

    public IProgress<double>? StageStarted(string stage)
    {
        _task = context.AddTask(Labels.GetValueOrDefault(stage, stage));
        return new SpectreProgress(_task);
    }

    public void StageFinished(string stage)
    {
        if (_task is not null) _task.Value = 100;
    }
}

/// <summary>Progress (0..1) onto a Spectre task (0..its MaxValue).</summary>
internal sealed class SpectreProgress(ProgressTask task) : IProgress<double>
{
    public void Report(double value) => task.Value = Math.Clamp(value, 0, 1) * task.MaxValue;
}
