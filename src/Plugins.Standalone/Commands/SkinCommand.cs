using System.CommandLine;
using System.Diagnostics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Standalone.Output;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `retouch skin IMAGE -o OUT`: heal blemishes, even the skin (blend pyramid), optionally whiten, and
/// save with the input's bit depth, ICC profile and EXIF. A photo without faces is written unchanged
/// (exit 0, with a message). `--masks DIR` writes the masks as PNGs.
/// </summary>
public static class SkinCommand
{
    public const int Ok = 0, BadInput = 1, Cancelled = 130;

    public static Command Create()
    {
        var command = new Command("skin", "Retouch skin: heal blemishes, even tone and redness keeping pores, optionally whiten.");
        var image = new Argument<FileInfo>("IMAGE") { Description = "The photo (JPEG, PNG, TIFF 8/16-bit, WebP)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Where to write the result (.jpg, .png, .tif flat; .ora, .psd layered); never the input.", Required = true };
        var masks = new Option<DirectoryInfo?>("--masks") { Description = "Also write the masks (skin, healed blemishes, ...) as PNGs into this folder." };
        var layers = new Option<bool>("--layers") { Description = "Write a .tif as layers (original, retouched, masks) instead of one flat image; .ora and .psd are always layered." };
        var lrl = new Option<FileInfo?>("--lrl-model") { Description = "ONNX blend-layer model (ModelScope skin-retouching UNet contract) to use instead of the built-in layer." };
        var parsing = new ParsingModelOptions();
        var pipeline = new SkinPipeline();
        var effectOptions = new EffectOptions(pipeline.Parameters);
        command.Arguments.Add(image);
        command.Options.Add(output);
        command.Options.Add(masks);
        command.Options.Add(lrl);
        command.Options.Add(layers);
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
                Console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(BadInput);
            }
            var request = new SkinRequest(parse.GetValue(image)!.FullName, parse.GetValue(output)!.FullName,
                parse.GetValue(masks)?.FullName, parse.GetValue(lrl)?.FullName, settings, parse.GetValue(layers), parsingModel);
            return Task.FromResult(Run(request, AnsiConsole.Console, null, cancellation));
        });
        return command;
    }

    /// <summary>
    /// Runs one request. <paramref name="analyze"/> defaults to the mesh-based face analysis; tests pass
    /// their own. Returns the exit code; messages go to <paramref name="console"/>.
    /// </summary>
    internal static int Run(SkinRequest request, IAnsiConsole console, PortraitAnalyze? analyze, CancellationToken cancellation)
    {
        try
        {
            Validate(request);
            return Execute(request, console, analyze, cancellation);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]cancelled[/]: nothing was written");
            return Cancelled;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            console.MarkupLineInterpolated($"[red]error[/]: {e.Message}");
            return BadInput;
        }
    }

    private static void Validate(SkinRequest request)
    {
        if (!File.Exists(request.Input)) throw new FileNotFoundException($"{request.Input}: no such file", request.Input);
        if (string.Equals(Path.GetFullPath(request.Input), Path.GetFullPath(request.Output), StringComparison.Ordinal))
            throw new ArgumentException($"{request.Output}: the output would overwrite the input; choose another file");
        RetouchedOutput.Check(request.Output, request.Layers);
        if (request.LrlModel is not null && !File.Exists(request.LrlModel))
            throw new FileNotFoundException($"{request.LrlModel}: blend-layer model not found", request.LrlModel);
    }

    private static int Execute(SkinRequest request, IAnsiConsole console, PortraitAnalyze? analyze, CancellationToken cancellation)
    {
        ImageDocument document = null!;
        PortraitAnalysis analysis = null!;
        EffectResult result = null!;
        var clock = Stopwatch.StartNew();
        var steps = new List<(string Name, double Seconds)>();
        void Done(string name) { steps.Add((name, clock.Elapsed.TotalSeconds - steps.Sum(s => s.Seconds))); }
        console.Progress().AutoClear(true).HideCompleted(false).Start(ctx =>
        {
            var load = ctx.AddTask("load");
            document = ImageFile.Load(request.Input);
            load.Value = 100;
            Done("load");
            cancellation.ThrowIfCancellationRequested();

            var find = ctx.AddTask("find faces");
            if (analyze is null)
            {
                using var analyzer = PortraitAnalyzer.Open(parsing: request.Parsing);
                analysis = analyzer.Analyze(document.Pixels, null, new ProgressTask100(find), cancellation);
            }
            else analysis = analyze(document.Pixels, cancellation);
            find.Value = 100;
            Done("faces");

            var retouch = ctx.AddTask("retouch");
            using var model = request.LrlModel is null ? null : new OnnxBlendLayerModel(request.LrlModel);
            var pipeline = new SkinPipeline(null, model);
            result = pipeline.Render(document.Pixels, analysis, request.Settings, new ProgressTask100(retouch), cancellation);
            retouch.Value = 100;
            Done("retouch");
            cancellation.ThrowIfCancellationRequested();

            var save = ctx.AddTask("save");
            RetouchedOutput.Write(document, result, request.Output, request.Layers);
            if (request.MasksFolder is not null) SaveMasks(result.Masks, request.MasksFolder);
            save.Value = 100;
            Done("save");
        });

        if (!analysis.HasFaces)
            console.MarkupLineInterpolated($"[yellow]{AnalyzeGuardMessage}[/]: {request.Output} written as it was");
        else
        {
            console.MarkupLineInterpolated($"{analysis.Faces.Count} face(s) retouched in {clock.Elapsed.TotalSeconds:0.0} s -> {request.Output} ({document.BitsPerSample}-bit)");
            if (result.Message is not null) console.MarkupLineInterpolated($"  {result.Message}");
            console.MarkupLineInterpolated($"  {string.Join(", ", steps.Select(s => $"{s.Name} {s.Seconds:0.00} s"))}");
        }
        if (request.MasksFolder is not null && result.Masks.Count > 0)
            console.MarkupLineInterpolated($"  masks: {string.Join(", ", result.Masks.Select(m => MaskFileName(m.Name)))} in {request.MasksFolder}");
        return Ok;
    }

    private const string AnalyzeGuardMessage = "no face found";

    internal static string MaskFileName(string name) => name.Replace(' ', '-') + ".png";

    private static void SaveMasks(IReadOnlyList<NamedMask> masks, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var m in masks) ImageFile.SavePng(m.Mask, Path.Combine(folder, MaskFileName(m.Name)));
    }

    /// <summary>Effect progress (0..1) onto a Spectre task (0..100).</summary>
    private sealed class ProgressTask100(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = Math.Clamp(value, 0, 1) * 100;
    }
}

/// <summary>What `retouch skin` was asked to do.</summary>
internal sealed record SkinRequest(string Input, string Output, string? MasksFolder, string? LrlModel, EffectSettings Settings, bool Layers = false,
    ParsingOptions? Parsing = null);
