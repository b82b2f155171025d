using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Methods;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>A de-wrinkle method: the photo, its analysis and the garment mask in, the result out.</summary>
public interface IDewrinkleMethod
{
    string Name { get; }
    string Label { get; }
    PlanarImage Render(PlanarImage input, PortraitAnalysis analysis, PlanarImage garment, float personHeight);
}

/// <summary>Ours at default settings, given the same garment mask as the peers (so all differ only in how they flatten).</summary>
public sealed class OurDewrinkle : IDewrinkleMethod
{
    public string Name => "ours";
    public string Label => "ours (fold band of log luminance), defaults";
    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis, PlanarImage garment, float personHeight) =>
        GarmentDewrinkle.Render(input, analysis, new DewrinkleSettings(), garment).Image;
}

/// <summary>Peer: G'MIC 2.9 anisotropic smoothing (`smooth 100,0.5,0.3,0.6,2`) of the whole photo, blended under the garment mask.</summary>
public sealed class GmicSmoothing : IDewrinkleMethod
{
    public const string Parameters = "100,0.5,0.3,0.6,2";
    public string Name => "gmic";
    public string Label => $"G'MIC 2.9 smooth {Parameters} under the garment mask";

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis, PlanarImage garment, float personHeight)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"bench-gmic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string src = Path.Combine(dir, "in.ppm"), dst = Path.Combine(dir, "out.ppm");
            PnmFile.Write(src, input);
            GmicProcess.RunOrThrow(["-v", "-1", src, "smooth", Parameters, "o", dst], TimeSpan.FromMinutes(5));
            return MaskedBlend.Apply(input, PnmFile.Read(dst), garment);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

/// <summary>Baseline: the project's guided filter (each plane guides itself, radius 1 % Hp, eps 0.01) under the garment mask.</summary>
public sealed class GuidedSmoothing : IDewrinkleMethod
{
    public string Name => "guided";
    public string Label => "guided filter (r 1 % Hp, eps 0.01) under the garment mask";

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis, PlanarImage garment, float personHeight)
    {
        var rgb = input.Channels == 3 ? input : input.Crop(0, 0, input.Width, input.Height);
        var filtered = GuidedFilter.Apply(rgb, rgb, Math.Max(1, (int)(0.01f * personHeight)), 0.01f);
        return MaskedBlend.Apply(input, filtered, garment);
    }
}
