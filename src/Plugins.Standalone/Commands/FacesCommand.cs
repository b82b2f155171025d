using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Standalone.Faces;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>`retouch faces IMAGE -o overlay.png [--json] [--mesh] [--masks DIR]`: what the face analysis sees.</summary>
public static class FacesCommand
{
    public const int Ok = 0;
    public const int BadUsage = 1;
    public const int BadInput = 2;
    public const int ModelsUnavailable = 3;

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "the photo (JPEG, PNG, TIFF, WebP, AVIF)" };
        var output = new Option<string?>("--output", "-o") { Description = "write an overlay PNG: boxes, landmarks, mesh, skin (green), features (magenta), person outline (yellow)" };
        var json = new Option<bool>("--json") { Description = "print the faces (box, score, 5 landmarks) as JSON" };
        var mesh = new Option<bool>("--mesh") { Description = "with --json: include the 468 mesh points of each face" };
        var masks = new Option<string?>("--masks") { Description = "also write the masks as PNGs into this folder (skin, face-skin, features, person)" };
        var command = new Command("faces", "Find faces, their landmarks and mesh, and the skin, feature and person masks; draw them or print them.")
        {
            image, output, json, mesh, masks,
        };
        var parsing = new ParsingModelOptions();
        parsing.AddTo(command);
        var cpu = CpuOption.Create();
        command.Options.Add(cpu);
        command.SetAction(parse =>
        {
            ParsingOptions? parsingModel;
            try { parsingModel = parsing.Read(parse); }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                // A model file that is missing or refused is an input that cannot be read, like the photo.
                Console.Error.WriteLine($"error: {e.Message}");
                return e is FileNotFoundException ? BadInput : BadUsage;
            }
            return Run(parse.GetValue(image)!, parse.GetValue(output), parse.GetValue(json), parse.GetValue(mesh),
                parse.GetValue(masks), Console.Out, Console.Error, parsingModel, parse.GetValue(cpu));
        });
        return command;
    }

    /// <returns>0 on success, 1 for a bad combination of options, 2 for an unreadable photo, parsing model or unwritable output, 3 when the face models cannot be loaded.</returns>
    internal static int Run(string path, string? overlayPath, bool json, bool includeMesh, string? masksFolder, TextWriter output, TextWriter error,
        ParsingOptions? parsing = null, bool forceCpu = false)
    {
        if (overlayPath is not null && !overlayPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            error.WriteLine($"error: {overlayPath}: the overlay is written as PNG; give a .png file name");
            return BadUsage;
        }
        if (overlayPath is not null && SameFile(overlayPath, path))
        {
            error.WriteLine($"error: {overlayPath}: refusing to overwrite the input photo");
            return BadUsage;
        }

        PlanarImage photo;
        try
        {
            Shared.Running.EffectRunner.CheckFits(path, Shared.Running.MemoryUse.Effect, Shared.Running.RunLimits.Default);
            photo = WorkingColours.InSrgb(ImageFile.Load(path)).Pixels; // the networks read sRGB
        }
        catch (ImageFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }

        PortraitAnalysis analysis;
        var clock = new Stopwatch();
        TimeSpan cpu = default;
        try
        {
            using var analyzer = PortraitAnalyzer.Open(parsing: parsing, forceCpu: forceCpu);
            clock.Start(); // the analysis itself, without opening the models
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            analysis = analyzer.Analyze(photo, null);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }
        catch (Exception e) when (parsing is not null && e is InvalidDataException or OnnxRuntimeException or ArgumentException
                                  && e.Message.Contains(parsing.ModelPath, StringComparison.Ordinal))
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is FileNotFoundException or DllNotFoundException or OnnxRuntimeException or InvalidDataException)
        {
            error.WriteLine($"error: the face models could not be loaded ({e.Message}); `retouch doctor` checks the installation");
            return ModelsUnavailable;
        }
        clock.Stop();

        try
        {
            if (overlayPath is not null) ImageFile.SavePng(AnalysisOverlay.Draw(photo, analysis), overlayPath);
            if (masksFolder is not null) SaveMasks(analysis, masksFolder);
        }
        catch (Exception e) when (e is ImageFileException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }

        if (json) output.WriteLine(JsonSerializer.Serialize(FacesJson.Describe(path, analysis, includeMesh, clock.Elapsed.TotalSeconds)));
        else
        {
            output.WriteLine($"{path}: {analysis.Faces.Count} face(s) in {clock.Elapsed.TotalSeconds:0.00} s (processor time {cpu.TotalSeconds:0.00} s)");
            foreach (var (face, i) in analysis.Faces.Select((f, i) => (f, i)))
                output.WriteLine($"  face {i + 1}: box {face.Box.X:0},{face.Box.Y:0} {face.Box.Width:0}x{face.Box.Height:0}, score {face.Score:0.000}{(face.Mesh is null ? "" : ", mesh 468 points")}");
            if (overlayPath is not null) output.WriteLine($"overlay: {overlayPath}");
        }
        return Ok;
    }

    private static void SaveMasks(PortraitAnalysis analysis, string folder)
    {
        Directory.CreateDirectory(folder);
        ImageFile.SavePng(analysis.SkinMask, Path.Combine(folder, "skin.png"));
        ImageFile.SavePng(analysis.FaceSkinMask, Path.Combine(folder, "face-skin.png"));
        ImageFile.SavePng(analysis.FeatureMask, Path.Combine(folder, "features.png"));
        if (analysis.PersonMask is { } person) ImageFile.SavePng(person, Path.Combine(folder, "person.png"));
    }

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
