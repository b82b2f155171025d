using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Effects.Catalog;

/// <summary>
/// The photos every catalog effect is held to: sample1 (a group of three) at half size with its real analysis
/// (RetinaFace, mesh, u2netp), a two-face crop for the reference images, and a face-free crop.
/// Analysed once per test class.
/// </summary>
public sealed class CatalogPhoto : IDisposable
{
    private readonly PortraitAnalyzer _analyzer = PortraitAnalyzer.Open();
    private readonly Lazy<(PlanarImage, PortraitAnalysis)> _group, _face;
    private readonly Lazy<EffectResources> _resources;

    public CatalogPhoto()
    {
        _group = new(() => Analyse(Resample.AreaDownsample(Load(), 960, 640)));
        _resources = new(() => new EffectResources(new DelegateAnalysisProvider(Analyze)));
        _face = new(() => Analyse(Resample.AreaDownsample(Load().Crop(FaceX, FaceY, 2 * FaceWidth, 2 * FaceHeight), FaceWidth, FaceHeight)));
    }

    /// <summary>The reference-image crop: the middle and right-hand women's faces in sample1, 960x540 at (780, 150) halved.</summary>
    public const int FaceX = 780, FaceY = 150, FaceWidth = 480, FaceHeight = 270;

    public (PlanarImage Image, PortraitAnalysis Analysis) Group => _group.Value;

    /// <summary>A reference photo for effects with an image parameter (makeup): sample4, four faces (the largest, by eye span, gives the makeup).</summary>
    public static string ReferencePhotoPath => Path.Combine(AppContext.BaseDirectory, "testdata", "sample4.jpg");

    /// <summary>Resources for file parameters: reference photos are analysed with this fixture's analyzer.</summary>
    public EffectResources Resources => _resources.Value;

    /// <summary>The analysis of any other image (a reference photo), with the fixture's analyzer.</summary>
    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default)
    {
        lock (_analyzer) return _analyzer.Analyze(image, null, null, cancellation);
    }
    public (PlanarImage Image, PortraitAnalysis Analysis) Face => _face.Value;

    /// <summary>A 300x200 crop of sample1's background and clothes with an analysis that found no face.</summary>
    public static (PlanarImage Image, PortraitAnalysis Analysis) NoFace()
    {
        var image = Load().Crop(0, 1000, 300, 200);
        PlanarImage Zero() => new(image.Width, image.Height, 1);
        return (image, new PortraitAnalysis(image.Width, image.Height, [], Zero(), Zero(), Zero(), Zero()));
    }

    private static PlanarImage Load() => ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels;

    private (PlanarImage, PortraitAnalysis) Analyse(PlanarImage image) => (image, Analyze(image));

    public void Dispose()
    {
        if (_resources.IsValueCreated) _resources.Value.Dispose();
        _analyzer.Dispose();
    }
}
