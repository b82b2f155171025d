using System.Diagnostics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.IO;

namespace RetouchPlugins.Shared.Running;

/// <summary>What to run on one photo: input, output (flat or layered by extension), settings, optional mask folder, the limits (default: <see cref="RunLimits.Default"/>).</summary>
public sealed record RunRequest(string Input, string Output, EffectSettings Settings, bool Layers = false, string? MasksFolder = null, RunLimits? Limits = null);

/// <summary>How long one stage took.</summary>
public sealed record StageTime(string Stage, TimeSpan Time);

/// <summary>What a run did: faces found (null when the effect needs no analysis), the effect's message, the depth written, the stages.</summary>
public sealed record RunResult(int? Faces, string? Message, int BitsPerSample, IReadOnlyList<StageTime> Stages, IReadOnlyList<NamedMask> Masks)
{
    /// <summary>True when the effect needed faces and the photo had none (it was written unchanged).</summary>
    public bool NoFaces => Faces == 0;

    /// <summary>What was done about the photo's colour space (<see cref="WorkingColours.Note"/>); null for an sRGB photo.</summary>
    public string? Colours { get; init; }
}

/// <summary>Follows a run's stages (load, faces, render, save): a host shows them as progress bars, or not at all.</summary>
public interface IRunObserver
{
    /// <summary>A stage starts; report its progress (0..1) to the returned object.</summary>
    IProgress<double>? StageStarted(string stage);

    void StageFinished(string stage);
}

/// <summary>Writes an effect's result (flat or layered); tests substitute one that fails part-way.</summary>
public delegate void ResultWriter(ImageDocument original, EffectResult result, EffectDescriptor effect, string path, bool layers);

/// <summary>
/// The host-neutral run of one effect on one photo: load → analyse (once, through the host's provider, only
/// what the effect needs) → render → write the result (flat, or layers from the effect's descriptor) and the
/// masks. Every write is atomic; the input is never written. The CLI, batch and web host all run effects
/// through this. Errors are exceptions whose message names the file and the problem; see <see cref="RunExit"/>.
/// </summary>
public sealed class EffectRunner(IAnalysisProvider analysis, EffectResources resources, ResultWriter? write = null)
{
    private readonly ResultWriter _write = write ?? EffectOutput.Write;

    public const string Load = "load", Faces = "faces", Render = "retouch", Save = "save";

    public RunResult Run(IPortraitEffect effect, RunRequest request, IRunObserver? observer = null, CancellationToken cancellation = default)
    {
        var info = Validate(effect.Descriptor, request);
        var descriptor = effect.Descriptor;
        var stages = new List<StageTime>();
        var clock = Stopwatch.StartNew();
        T Stage<T>(string name, Func<IProgress<double>?, T> work)
        {
            cancellation.ThrowIfCancellationRequested();
            var started = clock.Elapsed;
            var progress = observer?.StageStarted(name);
            var value = work(progress);
            progress?.Report(1);
            observer?.StageFinished(name);
            stages.Add(new StageTime(name, clock.Elapsed - started));
            return value;
        }

        // A batch that ran a photo before may still hold that run's planes as garbage.
        ReleaseGarbage((long)info.Width * info.Height);

        // The models open on another thread while the photo decodes (both take about as long on a cold start).
        var limits = request.Limits ?? RunLimits.Default;
        var analysisRequest = descriptor.Needs == AnalysisNeeds.None ? null : AnalysisRequest.For(descriptor, request.Settings);
        var prepared = analysisRequest is null ? Task.CompletedTask : Task.Run(() => analysis.Prepare(analysisRequest), CancellationToken.None);
        ImageDocument document;
        try { document = Stage(Load, _ => ImageFile.Load(request.Input, limits.LoadOptions)); }
        catch
        {
            prepared.ContinueWith(_ => { }, TaskScheduler.Default).Wait(); // let the models finish opening; the load error is the one to report
            throw;
        }
        prepared.GetAwaiter().GetResult(); // a model that failed to open throws its own error, not an AggregateException
        // A photo in another RGB space (ProPhoto, Adobe RGB, Display P3) is analysed and rendered as sRGB, the result taken back.
        var colours = WorkingColours.Of(document);
        var pixels = colours.Conversion is { } toSrgb ? toSrgb.ToSrgb(document.Pixels) : document.Pixels;
        var analysed = analysisRequest is null ? null
            : Stage(Faces, p => analysis.Analyze(pixels, analysisRequest, p, cancellation));
        ReleaseGarbage((long)document.Width * document.Height);
        // A flat file gets the result alone (the original's depth, ICC and EXIF, not its pixels): the effect may render
        // into the decoded planes instead of a copy.
        bool scratch = !EffectOutput.IsLayered(request.Output, request.Layers);
        var input = new EffectInput(pixels, analysed, resources)
        {
            SourceFile = request.Input, ImageIsScratch = scratch, MasksWanted = !scratch || request.MasksFolder is not null,
        };
        var result = Stage(Render, p =>
        {
            var rendered = effect.Render(input, request.Settings, p, cancellation);
            return colours.Conversion is { } back ? rendered with { Image = back.Back(document.Pixels, rendered.Image) } : rendered;
        });
        ReleaseGarbage((long)document.Width * document.Height);
        Stage(Save, _ =>
        {
            cancellation.ThrowIfCancellationRequested(); // nothing is written once cancelled
            _write(document, result, descriptor, request.Output, request.Layers);
            if (request.MasksFolder is not null) EffectOutput.WriteMasks(result.Masks, request.MasksFolder);
            return 0;
        });
        return new RunResult(analysed?.Faces.Count, result.Message, document.BitsPerSample, stages, result.Masks) { Colours = colours.Note };
    }

    /// <summary>
    /// Checks a request before any work: the settings keep the effect's rules, the input exists, the output is
    /// not the input, has a format that can hold the shape asked for and can be written (the mask folder too),
    /// every file parameter names a file that exists, and the photo's header says it is under the pixel limit
    /// and fits in memory (<see cref="MemoryBudget"/>) — a photo too large is refused in well under a second
    /// instead of being killed for memory minutes later.
    /// </summary>
    public static ImageInfo Validate(EffectDescriptor effect, RunRequest request)
    {
        effect.Validate(request.Settings);
        if (Directory.Exists(request.Input)) throw new FileNotFoundException($"{request.Input}: is a folder, not a photo", request.Input);
        if (!File.Exists(request.Input)) throw new FileNotFoundException($"{request.Input}: no such file", request.Input);
        if (string.Equals(Path.GetFullPath(request.Input), Path.GetFullPath(request.Output), StringComparison.Ordinal))
            throw new ArgumentException($"{request.Output}: the output would overwrite the input; choose another file");
        EffectOutput.Check(request.Output, request.Layers);
        CheckFiles(effect, request.Settings);
        OutputLocation.CheckFile(request.Output);
        if (request.MasksFolder is not null) OutputLocation.CheckFolder(request.MasksFolder);
        return CheckFits(request.Input, EffectOutput.IsLayered(request.Output, request.Layers) ? MemoryUse.LayeredEffect : MemoryUse.Effect,
            request.Limits ?? RunLimits.Default);
    }

    /// <summary>
    /// From the header only: the pixel limit, then the memory the run needs (<see cref="MemoryBudget.Check(string, ImageInfo, MemoryUse, RunLimits)"/>).
    /// `retouch info --decode`, single runs and each photo of a batch all go through this one check.
    /// </summary>
    public static ImageInfo CheckFits(string input, MemoryUse use, RunLimits limits)
    {
        var info = ImageFile.ReadInfo(input);
        ImageFile.CheckSize(info, input, limits.LoadOptions);
        MemoryBudget.Check(input, info, use, limits);
        return info;
    }

    /// <summary>
    /// Collects what the finished stage (or an earlier run) left behind (resized copies, tiles, network tensors)
    /// before the next one allocates its planes: for a large photo that garbage is gigabytes, and without a full
    /// compacting collection it is still on the heap at the next stage's peak (bench/results/memory.md). Small
    /// photos skip it; its cost there is not worth the few megabytes.
    /// </summary>
    private static void ReleaseGarbage(long pixels)
    {
        if (pixels < 4_000_000) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    /// <summary>Every file parameter given names an existing file or one of its built-in names (message: "PATH: label not found").</summary>
    public static void CheckFiles(EffectDescriptor effect, EffectSettings settings)
    {
        foreach (var p in effect.Parameters.Where(p => p.Kind == ParameterKind.File))
            if (settings.GetText(p.Name) is { } path && !p.IsBuiltIn(path) && !File.Exists(path))
            {
                var full = Path.GetFullPath(path);
                throw new FileNotFoundException($"{full}: {char.ToLowerInvariant(p.Label[0])}{p.Label[1..]} not found", full);
            }
    }
}

/// <summary>The exit codes every host's command line shares, and which exceptions are the user's input rather than a bug.</summary>
public static class RunExit
{
    public const int Ok = 0, BadInput = 1, BadArguments = 2, SomeFailed = 3, Cancelled = 130;

    /// <summary>
    /// True for the errors a bad file or option causes, and for a third-party plugin's failure; their message
    /// names the file (the photo, or the plugin) and the problem.
    /// </summary>
    public static bool IsInputError(Exception e) =>
        e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException or Onnx.OnnxRuntimeException
            or Effects.Plugins.PluginFailureException;

    /// <summary>Errors in how a command was called rather than in a photo: a batch exits 2 for these, before any photo.</summary>
    public static bool IsArgumentError(Exception e) =>
        e is ArgumentException or FileNotFoundException or OutputLocationException;
}
