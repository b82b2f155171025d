using RetouchPlugins.Tests.Support;
using System.Diagnostics;
using System.Security.Cryptography;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Tests.Effects;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Robustness;

/// <summary>
/// Seeded mutants of small real files (a crop of a demo photo as JPEG, PNG, TIFF and WebP; a two-layer
/// document as layered TIFF, ORA and PSD), each through the path the commands use. An image file goes through
/// <see cref="EffectRunner"/> (header checks, load, a render, the atomic write) and must end as a written result
/// that decodes, or as our <see cref="ImageFileException"/> with nothing written; a layered file goes through
/// <see cref="LayerFile.Read"/> and must end as a document or a <see cref="LayerFileException"/>. Never another
/// exception, never a hang (<see cref="CaseTimeout"/> each), never a temporary file left, never the input changed.
/// CI: <see cref="DefaultCasesPerFormat"/> cases per format (7 formats, 420 cases) with seed <see cref="DefaultSeed"/>;
/// RETOUCH_FUZZ_CASES and RETOUCH_FUZZ_SEED change them (a 10,000-case pass: RETOUCH_FUZZ_CASES=1430).
/// A finding prints the seed, the case, the mutation and keeps the file under artifacts/fuzz-findings/.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper log) : IDisposable
{
    public const int DefaultCasesPerFormat = 60, DefaultSeed = 20_211;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(20);

    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;

    /// <summary>The seed files: small, so a case takes milliseconds, and real photo content, so decoders do real work.</summary>
    private Dictionary<string, byte[]> Seeds()
    {
        var crop = HandPlacedFace.LoadPhoto().Crop(700, 260, 160, 120);
        var seeds = new Dictionary<string, byte[]>();
        foreach (var ext in new[] { ".jpg", ".png", ".tif", ".webp" })
        {
            var path = Path.Combine(_dir, "seed" + ext);
            ImageFile.Save(new ImageDocument(crop, 8, ImageFile.BuiltInIccProfile("srgb"), null, ImageFormat.Png), path);
            seeds[ext] = File.ReadAllBytes(path);
        }
        var small = crop.Crop(0, 0, 64, 48);
        var document = new LayerDocument(small.Width, small.Height, 8);
        document.Add(new Layer("Original", small));
        document.Add(new Layer("Retouched", small.Clone()) { Opacity = 0.5f });
        foreach (var ext in new[] { ".layers.tif", ".ora", ".psd" })
        {
            var path = Path.Combine(_dir, "seed" + ext);
            LayerFile.Write(document, path);
            seeds[ext] = File.ReadAllBytes(path);
        }
        return seeds;
    }

    [Fact]
    public void Mutants_of_every_format_end_in_a_result_or_our_error_never_a_crash_hang_partial_output_or_changed_input()
    {
        int perFormat = Setting("RETOUCH_FUZZ_CASES", DefaultCasesPerFormat), seed = Setting("RETOUCH_FUZZ_SEED", DefaultSeed);
        var runner = new EffectRunner(new DelegateAnalysisProvider((image, _) => NoFaces(image)), null!);
        var effect = EffectCatalog.Get("whiten").Create();
        var findings = new List<string>();
        var outcomes = new Dictionary<string, (int Read, int Refused)>();
        var clock = Stopwatch.StartNew();

        foreach (var (format, original) in Seeds())
        {
            int read = 0, refused = 0;
            for (int i = 0; i < perFormat; i++)
            {
                var (bytes, what) = Mutator.Mutate(original, seed + format.GetHashCode(StringComparison.Ordinal) % 1000, i);
                var caseDir = Directory.CreateDirectory(Path.Combine(_dir, $"case-{format.TrimStart('.')}-{i}")).FullName;
                var input = Path.Combine(caseDir, "in" + (format == ".layers.tif" ? ".tif" : format));
                File.WriteAllBytes(input, bytes);
                var before = SHA256.HashData(bytes);
                string? problem = RunCase(format, input, Path.Combine(caseDir, "out", "result.png"), runner, effect, out bool accepted);
                if (problem is null && !SHA256.HashData(File.ReadAllBytes(input)).AsSpan().SequenceEqual(before)) problem = "the input file was changed";
                if (problem is not null)
                {
                    var kept = Keep(input, seed, format, i);
                    findings.Add($"{format} case {i} (seed {seed}, {what}): {problem}; file kept at {kept}");
                }
                else if (accepted) read++; else refused++;
                Directory.Delete(caseDir, true);
            }
            outcomes[format] = (read, refused);
        }

        log.WriteLine($"seed {seed}, {perFormat} cases per format, {outcomes.Count * perFormat} cases in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var (format, (read, refused)) in outcomes) log.WriteLine($"  {format}: {read} read, {refused} refused with our error");
        foreach (var f in findings.Take(30)) log.WriteLine("FINDING " + f);
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s) in {outcomes.Count * perFormat} cases:\n{string.Join("\n", findings.Take(30))}");
        // Not a fuzz of only unreadable noise: some mutants of each format still read (flips in pixel data of a
        // format without checksums), and some of each are refused.
        Assert.All(outcomes, o => Assert.True(o.Value.Refused > 0, $"{o.Key}: no mutant was refused"));
    }

    /// <summary>Runs one mutant; null when it behaved, else what went wrong. <paramref name="accepted"/>: it was read.</summary>
    private static string? RunCase(string format, string input, string output, EffectRunner runner, IPortraitEffect effect, out bool accepted)
    {
        accepted = false;
        bool layered = format is ".layers.tif" or ".ora" or ".psd";
        var work = Task.Run(() => layered
            ? (object)LayerFile.Read(input)
            : runner.Run(effect, new RunRequest(input, output, effect.Descriptor.DefaultSettings())));
        try
        {
            if (!work.Wait(CaseTimeout)) return $"no answer within {CaseTimeout.TotalSeconds:0} s (hang)";
        }
        catch (AggregateException wrapped)
        {
            var e = wrapped.InnerException!;
            bool ours = layered ? e is LayerFileException : e is ImageFileException;
            if (!ours) return $"{e.GetType().Name} escaped: {e.Message}";
            if (!e.Message.StartsWith(input + ": ", StringComparison.Ordinal)) return $"the error does not start with the file's name: {e.Message}";
            var outDir = Path.GetDirectoryName(output)!;
            if (Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any())
                return $"refused ({e.Message}) but left {string.Join(", ", Directory.EnumerateFiles(outDir).Select(Path.GetFileName))}";
            return null;
        }
        accepted = true;
        if (layered) return null;
        var files = Directory.EnumerateFiles(Path.GetDirectoryName(output)!).Select(Path.GetFileName).ToArray();
        if (files is not ["result.png"]) return $"read, but the output folder holds {string.Join(", ", files)}";
        try { ImageFile.Load(output); }
        catch (ImageFileException e) { return $"read, but the written result does not decode: {e.Message}"; }
        return null;
    }

    private static PortraitAnalysis NoFaces(PlanarImage image)
    {
        PlanarImage Zero() => new(image.Width, image.Height, 1);
        return new PortraitAnalysis(image.Width, image.Height, [], Zero(), Zero(), Zero(), null);
    }

    /// <summary>Keeps a failing mutant where CI can collect it: artifacts/fuzz-findings/ under the repository.</summary>
    private static string Keep(string input, int seed, string format, int index)
    {
        var root = Repository.RootOrNull() ?? AppContext.BaseDirectory;
        var folder = Directory.CreateDirectory(Path.Combine(root, "artifacts", "fuzz-findings")).FullName;
        var kept = Path.Combine(folder, $"seed{seed}-{format.TrimStart('.')}-case{index}{Path.GetExtension(input)}");
        File.Copy(input, kept, overwrite: true);
        return kept;
    }
}
