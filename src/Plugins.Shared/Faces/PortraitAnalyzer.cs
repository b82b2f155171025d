using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Turns a photo into a <see cref="PortraitAnalysis"/>: RetinaFace finds the faces, the face mesh
/// places 468 points on each, <see cref="FaceRegions"/> draws face skin and features from the mesh,
/// u2netp outlines the people, and the faces' skin colours extend the skin mask to neck, shoulders
/// and arms (see docs/faces.md). The models are opened once; Analyze may run on several threads.
/// </summary>
public sealed class PortraitAnalyzer : IDisposable
{
    /// <summary>Face parts effects must not alter.</summary>
    private static readonly FaceRegion[] Features =
        [FaceRegion.Eyes, FaceRegion.Brows, FaceRegion.Lips, FaceRegion.InnerMouth, FaceRegion.Nostrils];

    /// <summary>Person-mask levels between which body skin fades in (u2netp is soft along hair and arms).</summary>
    private const float PersonLow = 0.35f, PersonHigh = 0.65f;

    /// <summary>
    /// Face skin (from the mesh) fades out where u2netp is unsure the pixel is the person: the mesh oval can
    /// reach past the face's outline into hair or background, and nothing outside the person may change.
    /// Below 0.5 (what the benchmark counts as "outside the person") the weight is exactly 0.
    /// </summary>
    private const float FacePersonLow = 0.5f, FacePersonHigh = 0.65f;

    private readonly OnnxRuntimeEnvironment? _ownedEnvironment;
    private readonly RetinaFaceDetector _detector;
    private readonly FaceMeshLandmarker _landmarker;
    private readonly PersonSegmenter _segmenter;
    private readonly HumanParsingModel? _parsing;

    /// <summary>
    /// Opens the three models from <paramref name="catalog"/> (default: models/ next to the application) in <paramref name="environment"/>,
    /// which stays the caller's; with <paramref name="parsing"/>, also a user-supplied human-parsing model that then decides body skin.
    /// <paramref name="personModel"/>: u2netp's file (<see cref="PersonSegmenter.ModelFile"/> or its int8 form); by default
    /// <see cref="PersonSegmenter.ModelFor"/> chooses.
    /// </summary>
    public PortraitAnalyzer(OnnxRuntimeEnvironment environment, AssetCatalog? catalog = null, SessionSettings? settings = null, ParsingOptions? parsing = null,
        string? personModel = null)
        : this(environment, catalog, settings, parsing, owned: null, personModel) { }

    private PortraitAnalyzer(OnnxRuntimeEnvironment environment, AssetCatalog? catalog, SessionSettings? settings, ParsingOptions? parsing, OnnxRuntimeEnvironment? owned,
        string? personModel = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        catalog ??= AssetCatalog.ForApplication();
        settings ??= SessionSettings.Default;
        _ownedEnvironment = owned;
        // The three sessions open side by side (ORT's graph optimisation of each is single-threaded).
        var detector = Task.Run(() => new RetinaFaceDetector(environment, catalog, new RetinaFaceOptions { Session = settings }));
        var landmarker = Task.Run(() => new FaceMeshLandmarker(environment, catalog.ModelPath(FaceMeshLandmarker.ModelFileName), settings));
        var segmenter = Task.Run(() => new PersonSegmenter(environment, catalog, personModel ?? PersonSegmenter.ModelFor(environment, settings), settings));
        try
        {
            _detector = Opened(detector);
            _landmarker = Opened(landmarker);
            _segmenter = Opened(segmenter);
            if (parsing is not null) _parsing = new HumanParsingModel(environment, parsing, settings);
        }
        catch
        {
            // Wait for the others, so that none is left open behind the error.
            try { Task.WaitAll(detector, landmarker, segmenter); } catch (AggregateException) { }
            if (detector.IsCompletedSuccessfully) detector.Result.Dispose();
            if (landmarker.IsCompletedSuccessfully) landmarker.Result.Dispose();
            if (segmenter.IsCompletedSuccessfully) segmenter.Result.Dispose();
            _ownedEnvironment?.Dispose();
            throw;
        }
    }

    /// <summary>The opened model, or its own exception (not an AggregateException) when it failed.</summary>
    private static T Opened<T>(Task<T> task) => task.GetAwaiter().GetResult();

    /// <summary>An analyzer with its own ONNX Runtime environment, released on Dispose.</summary>
    public static PortraitAnalyzer Open(AssetCatalog? catalog = null, SessionSettings? settings = null, ParsingOptions? parsing = null,
        bool forceCpu = false)
    {
        var environment = new OnnxRuntimeEnvironment(forceCpu);
        try { return new PortraitAnalyzer(environment, catalog, settings, parsing, environment); }
        catch { environment.Dispose(); throw; }
    }

    /// <summary>Analysis with default options; fits the effects' <c>PortraitAnalyze</c> delegate.</summary>
    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation) => Analyze(image, null, null, cancellation);

    /// <summary>
    /// Faces, meshes and masks of <paramref name="image"/> (RGB or RGBA planes in [0, 1]). A photo without
    /// faces gives no faces and empty face masks (the person mask is still computed). Progress goes from 0 to 1.
    /// </summary>
    public PortraitAnalysis Analyze(PlanarImage image, AnalyzerOptions? options, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels < 3) throw new ArgumentException($"the analyzer needs an RGB image, got {image.Channels} plane(s)", nameof(image));
        options ??= new AnalyzerOptions();

        // Everything below runs on one working-resolution copy (the photo itself up to WorkingSize), so the cost
        // is bounded whatever the photo's size; faces come back in photo pixels and masks are carried up at the end.
        cancellation.ThrowIfCancellationRequested();
        progress?.Report(0);
        var work = WorkingCopy(image, options.WorkingSize);
        // u2netp reads the working copy alone: it runs beside detection, mesh and regions instead of after them (it is
        // the analysis' longest network, about half of a 24 MP close-up's).
        var segmenting = options.PersonMask ? Task.Run(() => _segmenter.SegmentAtNetworkSize(work), CancellationToken.None) : null;
        try
        {
            return Analyze(image, work, segmenting, options, progress, cancellation);
        }
        finally
        {
            // Never leave the network running on this analyzer's session behind an error or a cancellation.
            if (segmenting is { IsCompleted: false }) ((IAsyncResult)segmenting).AsyncWaitHandle.WaitOne();
        }
    }

    private PortraitAnalysis Analyze(PlanarImage image, PlanarImage work, Task<PlanarImage>? segmenting, AnalyzerOptions options,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        float toPhoto = (float)image.Width / work.Width;
        int width = work.Width, height = work.Height;
        var detected = _detector.Detect(work);
        progress?.Report(0.35);
        cancellation.ThrowIfCancellationRequested();

        var faces = new List<AnalyzedFace>();
        var meshes = new List<FaceMesh>();
        foreach (var d in detected)
        {
            var face = new AnalyzedFace(new PixelBox(d.Box.Left, d.Box.Top, d.Box.Width, d.Box.Height), d.Score,
                d.Landmarks.Select(p => new Vector2(p.X, p.Y)).ToArray(), null);
            var mesh = _landmarker.Detect(work, face);
            meshes.Add(mesh);
            faces.Add(face with { Mesh = mesh.Points });
            cancellation.ThrowIfCancellationRequested();
        }
        progress?.Report(0.5);

        var faceSkin = new PlanarImage(width, height, 1);
        var features = new PlanarImage(width, height, 1);
        foreach (var mesh in meshes)
        {
            var regions = new FaceRegions(mesh);
            regions.AddTo(faceSkin, FaceRegion.Skin);
            foreach (var region in Features) regions.AddTo(features, region);
        }
        MaskPlanes.Grow(features);
        MaskPlanes.Without(faceSkin, features);
        MaskPlanes.Clean(faceSkin);
        MaskPlanes.Clean(features);
        progress?.Report(0.6);
        cancellation.ThrowIfCancellationRequested();

        PlanarImage? person = null, workingPerson = null;
        var working = WorkingSize(width, height, options.SkinWorkingSize);
        if (segmenting is not null)
        {
            var low = segmenting.GetAwaiter().GetResult();
            person = Resampler.Resize(low, width, height);
            MaskPlanes.Clean(person);
            workingPerson = Resampler.Resize(low, working.Width, working.Height);
        }
        progress?.Report(0.85);
        cancellation.ThrowIfCancellationRequested();

        // Skin the mesh does not cover (forehead to the hairline, chin, jaw, ears, the neck under the chin), grown from it.
        for (int i = 0; i < meshes.Count; i++) FaceSkinExtension.ExtendInto(faceSkin, work, features, person, meshes[i], faces[i].Box);
        MaskPlanes.Without(faceSkin, features);
        if (person is not null)
        {
            MaskPlanes.MultiplyBy(faceSkin, MaskPlanes.Ramp(person, FacePersonLow, FacePersonHigh));
            MaskPlanes.Clean(faceSkin);
        }

        // Body skin from the built-in colour model is built on first use: only `--body` and the masks output read the
        // whole-photo skin mask, and the default retouch reads face skin alone. A parsing network's body skin is built
        // now, while its session is open (an analysis outlives its analyzer).
        var bodyOptions = options;
        Lazy<PlanarImage> Built(Func<PlanarImage> make)
        {
            var lazy = new Lazy<PlanarImage>(make);
            if (_parsing is not null) _ = lazy.Value;
            return lazy;
        }
        PlanarImage SkinAtWorkingSize()
        {
            var skin = faceSkin.Clone();
            if (bodyOptions.BodySkin && workingPerson is not null && meshes.Count > 0)
            {
                var body = _parsing is not null
                    ? ParsedBodySkin(work, workingPerson, working, CancellationToken.None)
                    : BodySkin(work, faces, meshes, workingPerson, working, bodyOptions.Skin);
                // Gate again at the analysis size: the scaled-up working mask must not spill past the person's edge.
                MaskPlanes.MultiplyBy(body, MaskPlanes.Ramp(person!, PersonLow, PersonHigh));
                MaskPlanes.Without(body, features);
                MaskPlanes.MaxInto(skin, body);
                MaskPlanes.Clean(skin);
            }
            return skin;
        }
        progress?.Report(1);
        if (work == image)
            return PortraitAnalysis.WithLazyMasks(image.Width, image.Height, faces, Built(SkinAtWorkingSize), faceSkin, features,
                new Lazy<PlanarImage?>(person));
        cancellation.ThrowIfCancellationRequested();
        var lowGuide = LumaPlane.Of(work);
        PlanarImage Up(PlanarImage m) => GuidedMaskUpsampler.Upsample(m, lowGuide, image);
        var upFaceSkin = Up(faceSkin);
        var workingSkin = Built(SkinAtWorkingSize);
        var upSkin = new Lazy<PlanarImage>(() =>
        {
            var up = Up(workingSkin.Value);
            // Face skin stays inside all skin after the carry (the effects take body skin as skin minus face skin).
            MaskPlanes.MaxInto(up, upFaceSkin);
            return up;
        });
        return PortraitAnalysis.WithLazyMasks(image.Width, image.Height, faces.Select(f => Scaled(f, toPhoto)).ToList(),
            upSkin, upFaceSkin, Up(features), new Lazy<PlanarImage?>(() => person is null ? null : Up(person)), workingSkin, person);
    }

    /// <summary>The photo itself up to <paramref name="longest"/> pixels on its long side, else an area-averaged copy that size.</summary>
    internal static PlanarImage WorkingCopy(PlanarImage image, int longest)
    {
        int side = Math.Max(image.Width, image.Height);
        if (longest <= 0 || side <= longest) return image;
        double scale = (double)longest / side;
        int w = Math.Max(1, (int)Math.Round(image.Width * scale)), h = Math.Max(1, (int)Math.Round(image.Height * scale));
        return Resample.AreaDownsample(image, w, h);
    }

    private static AnalyzedFace Scaled(AnalyzedFace f, float k) => new(
        new PixelBox(f.Box.X * k, f.Box.Y * k, f.Box.Width * k, f.Box.Height * k), f.Score,
        f.Landmarks5.Select(p => p * k).ToArray(), f.Mesh?.Select(p => p * k).ToArray());

    /// <summary>Body skin at full resolution: the colour model on the reduced photo, softened and scaled up.</summary>
    private static PlanarImage BodySkin(PlanarImage image, List<AnalyzedFace> faces, List<FaceMesh> meshes, PlanarImage workingPerson,
        (int Width, int Height, float Scale) working, SkinColourSettings settings)
    {
        var small = Resampler.Resize(image, working.Width, working.Height);
        var lab = new OklabConverter().Convert(small);
        var seeds = new List<BodySkinEstimator.Seed>();
        for (int i = 0; i < meshes.Count; i++)
        {
            var regions = new FaceRegions(meshes[i]);
            seeds.Add(new(meshes[i], faces[i].Box.Size, regions.Mask(FaceRegion.Skin, working.Width, working.Height, working.Scale),
                regions.Mask(FaceRegion.FaceOval, working.Width, working.Height, working.Scale)));
        }
        var gate = MaskPlanes.Ramp(workingPerson, PersonLow, PersonHigh);
        var detail = SkinDetail.Measure(image, working.Width, working.Height);
        // Texture over a neighbourhood, not per pixel: lace and hair have smooth patches (flat JPEG blocks, a lit
        // strand) between their edges, and a per-pixel test let those through in patches.
        MaskPlanes.Blur(detail, 2f);
        var body = new BodySkinEstimator(settings).Estimate(lab, detail, working.Scale, seeds, gate, out _);
        // Join the speckled colour matches of real skin first (pores, shading), then open away what stays thin.
        MaskPlanes.Blur(body, 1.5f);
        body = MorphologicalOpening.Apply(body, 2);
        // Islands smaller than a tenth of the smallest face are stray matches (lit hair, fabric), not a neck or an arm.
        float smallestFace = faces.Min(f => f.Box.Size) * working.Scale;
        SmallRegionFilter.Apply(body, 0.25f, (int)(0.1f * smallestFace * smallestFace));
        MaskPlanes.Blur(body, 1f);
        return Resampler.Resize(body, image.Width, image.Height);
    }

    /// <summary>
    /// Body skin from the human-parsing model: its skin-class probability, scaled to the working size, gated by
    /// the person mask and scaled up. The parsing model already knows hair and clothes, so no colour test is added.
    /// </summary>
    private PlanarImage ParsedBodySkin(PlanarImage image, PlanarImage workingPerson, (int Width, int Height, float Scale) working,
        CancellationToken cancellation)
    {
        var skin = _parsing!.SkinProbability(image, cancellation);
        var body = Resampler.Resize(skin, working.Width, working.Height);
        MaskPlanes.MultiplyBy(body, MaskPlanes.Ramp(workingPerson, PersonLow, PersonHigh));
        return Resampler.Resize(body, image.Width, image.Height);
    }

    private static (int Width, int Height, float Scale) WorkingSize(int width, int height, int longest)
    {
        float scale = Math.Min(1f, (float)Math.Max(16, longest) / Math.Max(width, height));
        int w = Math.Max(1, (int)MathF.Round(width * scale)), h = Math.Max(1, (int)MathF.Round(height * scale));
        return (w, h, (float)w / width);
    }

    public void Dispose()
    {
        _parsing?.Dispose();
        _segmenter?.Dispose();
        _landmarker?.Dispose();
        _detector?.Dispose();
        _ownedEnvironment?.Dispose();
    }
}
