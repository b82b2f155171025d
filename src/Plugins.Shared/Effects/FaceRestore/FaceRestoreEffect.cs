using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Warp;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Face restore (the Meitu pipeline, ALGORITHMS.md part 3): each face is aligned to the FFHQ 512 template by the
/// similarity of its five landmarks, routed by its effective scale (photo px of real detail per template px, <see cref="RestoreRouting"/>): ≤ 0.45 through a network
/// (Real-ESRGAN x4fast by default, x4plus, or a user's GFPGAN/CodeFormer-contract ONNX), larger faces through the
/// classical chain (wavelet noise estimate, edge-preserving denoise, mesh-guided sharpening). The network's luma is
/// kept with the input's chroma; the change is pasted back through facexlib's feathered mask (and, for faces
/// larger than the crop, through R-ABM, guided upsampling and ABM so the photo's finer detail stays), grain is
/// re-added at a share of the level measured on the face's own skin, and strength mixes it in. Outside the
/// "restored faces" mask the output is the input bit for bit.
/// </summary>
public sealed class FaceRestoreEffect : InPlaceSkinEffect
{
    public static readonly EffectParameter Strength = new("strength", "Strength", ParameterKind.Number, 0.8, 0, 1,
        "How much of the restoration is applied (0 returns the photo unchanged).");
    public static readonly EffectParameter Detail = new("detail", "Detail", ParameterKind.Number, 0.25, 0, 1,
        "Mesh-guided sharpening of eyes, brows and the lip line (skin lightly), after the network or the classical chain.");
    public static readonly EffectParameter Grain = new("grain", "Grain kept", ParameterKind.Number, 0.25, 0, 1,
        "Share of the grain measured on the face's own skin that the restored face gets back (0: clean).");
    public static readonly EffectParameter Route = EffectParameter.Text("route", "Route",
        "auto (faces holding less detail than eyes 57 px apart, by size or blur, through the network; sharper ones through the classical chain), network or classical.");
    public static readonly EffectParameter Network = EffectParameter.Text("network", "Network",
        "The built-in network: x4fast (Real-ESRGAN SRVGGNetCompact, default) or x4plus (RRDBNet, about 15x slower).");
    public static readonly EffectParameter RestoreModel = EffectParameter.File("restore-model", "Face restorer model", FileRole.OnnxModel,
        "ONNX face restorer with the GFPGAN/CodeFormer contract (1x3x512x512 RGB in [-1, 1], in and out) used instead of the built-in network.");

    public static readonly MaskKind Mask = new("restored faces", "Restored faces mask");

    /// <summary>Faces whose box is smaller than this (pixels) have too little to restore and are skipped.</summary>
    public const int SmallestFace = 16;

    private readonly IRestoreNetwork? _network;

    public FaceRestoreEffect() { }

    /// <summary>With a given network instead of the built-in one (tests).</summary>
    internal FaceRestoreEffect(IRestoreNetwork network) => _network = network;

    public static EffectDescriptor Info { get; } = new("restore", "Face Restore",
        "Restore blurred, noisy or compressed faces: aligned crops through Real-ESRGAN or a classical chain, pasted back through guided upsampling.",
        [Strength, Detail, Grain, Route, Network, RestoreModel], [Mask], AnalysisNeeds.Faces, "Restored") { NoOp = [(Strength.Name, 0)] };

    public override EffectDescriptor Descriptor => Info;

    public override WholePhotoMasks WholePhotoMasksRead(EffectSettings settings) => WholePhotoMasks.None;

    protected override EffectResult Apply(PlanarImage output, PortraitAnalysis analysis, EffectInput input, EffectSettings settings,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        string route = RestoreRouting.Parse(settings.GetText(Route));
        float strength = settings.GetFloat(Strength), detail = settings.GetFloat(Detail), grain = settings.GetFloat(Grain);
        var mask = new PlanarImage(output.Width, output.Height, 1);
        var notes = new List<string>();
        var faces = new List<string>();
        var routes = new int[2];
        IDisposable? owned = null;
        var compression = JpegCompression.Of(input);
        var alignments = analysis.Faces.Select(f => OutOfRange(f, output) ? null : FaceAlignment.Of(f, output.Width, output.Height)).ToArray();
        // Each face's grain as the photo came, measured before any face is pasted: a face's crop may overlap one pasted
        // before it, and the output may be the input's own planes (a flat file's run).
        var grainBefore = grain > 0 && strength > 0
            ? alignments.Select(a => a is null ? 0 : FacePaste.GrainOf(output, analysis.FaceSkinMask, a)).ToArray()
            : null;
        PlanarImage? source = null; // the photo the crops are taken from: deblocked when the file's block grid is known
        try
        {
            IRestoreNetwork? network = _network;
            for (int k = 0; k < analysis.Faces.Count; k++)
            {
                cancellation.ThrowIfCancellationRequested();
                var face = analysis.Faces[k];
                if (OutOfRange(face, output))
                {
                    notes.Add($"face {k + 1} skipped: {face.Box.Size:0} px is {(face.Box.Size < SmallestFace ? $"under {SmallestFace} px" : "larger than the photo's short side")}");
                    continue;
                }
                var aligned = alignments[k];
                if (aligned is null) { notes.Add($"face {k + 1} skipped: its crop lies outside the photo"); continue; }

                var weight = FeatheredPasteMask.Build(aligned.PhotoToCrop, FaceAlignment.CropSize, aligned.Rect);
                ApplyOwnership(weight, aligned.Rect, analysis.Faces, k);
                MaskMath.MaxInto(mask, weight, aligned.Rect);
                if (strength <= 0) continue;

                source ??= compression.Deblocked(output, analysis.Faces);
                var crop = aligned.Sample(source, FaceAlignment.CropSize);
                var skin = aligned.Sample(analysis.FaceSkinMask, FaceAlignment.CropSize);
                var features = aligned.Sample(analysis.FeatureMask, FaceAlignment.CropSize);
                float effective = EffectiveScale(aligned, crop, skin, features);
                var which = RestoreRouting.Choose(route, effective);
                routes[(int)which]++;
                faces.Add($"face {k + 1} scale {aligned.SourcePerTemplate:0.00} effective {effective:0.00} {(which == RestoreRoute.Network ? "network" : "classical")}");
                PlanarImage restored = crop;
                if (which == RestoreRoute.Network)
                {
                    network ??= OpenNetwork(input, settings, out owned);
                    restored = CropRestoration.FromNetwork(crop, RunNetwork(network, aligned, effective, source, crop, cancellation), skin, features, detail);
                }
                float residualNoise = 0;
                if (which == RestoreRoute.Classical) restored = CropRestoration.Classical(crop, skin, features, detail, compression.NoiseFloor, out residualNoise);

                cancellation.ThrowIfCancellationRequested();
                FacePaste.Apply(output, aligned, crop, restored, weight, strength, residualNoise);
                if (grainBefore is not null) FacePaste.AddGrain(output, grainBefore[k], analysis.FaceSkinMask, aligned, weight, grain, strength, (uint)k * 7919u + 1);
                progress?.Report((k + 1.0) / analysis.Faces.Count);
            }
        }
        finally { owned?.Dispose(); }

        string summary = strength <= 0 ? "strength 0: nothing restored"
            : $"{routes[0] + routes[1]} face(s) restored ({routes[0]} through the network, {routes[1]} through the classical chain: {string.Join(", ", faces)})";
        if (routes[0] + routes[1] > 0) notes.Insert(0, compression.Description);
        return new EffectResult(output, [new NamedMask(Mask, mask)], string.Join("; ", [summary, .. notes]));
    }

    /// <summary>The network's output for the face, brought to 512 (a ×4 output of a crop other than 128 is resampled).</summary>
    private static PlanarImage RunNetwork(IRestoreNetwork network, FaceAlignment aligned, float effectiveScale, PlanarImage photo, PlanarImage crop512, CancellationToken cancellation)
    {
        int n = network.InputSize(effectiveScale);
        var restored = network.Restore(n == FaceAlignment.CropSize ? crop512 : aligned.Sample(photo, n), cancellation);
        return restored.Width == FaceAlignment.CropSize && restored.Height == FaceAlignment.CropSize
            ? restored : Resampler.Resize(restored, FaceAlignment.CropSize, FaceAlignment.CropSize);
    }

    /// <summary>
    /// s_eff = min(s, 1/f): the face's scale, or less where the crop is blurred by f (measured over the face: its skin
    /// and features in the crop, noise removed from the octave energies).
    /// </summary>
    internal static float EffectiveScale(FaceAlignment aligned, PlanarImage crop, PlanarImage skin, PlanarImage features)
    {
        var luma = LumaChroma.Luma(crop);
        var face = skin.Clone();
        MaskPlanes.MaxInto(face, features);
        int f = DetailOctaves.BlurFactor(luma, face, CropRestoration.NoiseOf(luma, skin));
        return MathF.Min(aligned.SourcePerTemplate, 1f / f);
    }

    /// <summary>
    /// The user's restorer (through the host's resources), else the built-in Real-ESRGAN variant: through the resources
    /// when the host gave them (opened once per session), else opened for this render and disposed after it (<paramref name="owned"/>).
    /// </summary>
    private static IRestoreNetwork OpenNetwork(EffectInput input, EffectSettings settings, out IDisposable? owned)
    {
        owned = null;
        if (settings.GetText(RestoreModel) is { } path)
            return input.RequireResources(Info).Open<OnnxFaceRestorer>(path, "face restorer model", (file, environment) => new OnnxFaceRestorer(file, environment));
        string variant = (settings.GetText(Network) ?? "x4fast").Trim().ToLowerInvariant();
        if (!RealEsrganNetwork.Variants.Contains(variant))
            throw new ArgumentException($"network '{variant}' is not one of {string.Join(", ", RealEsrganNetwork.Variants)} (a model of your own goes in --restore-model)");
        string model = RealEsrganNetwork.ModelPath(variant);
        if (input.Resources is { } resources)
            return resources.Open(model, "Real-ESRGAN model", (file, environment) => new RealEsrganNetwork(variant, file, environment));
        var network = new RealEsrganNetwork(variant, model);
        owned = network;
        return network;
    }

    /// <summary>
    /// In a group photo one face's crop holds its neighbours: each pixel belongs to the face whose centre is nearest
    /// in face sizes, with a soft hand-over (ratio 0.8–1.2), so no face is restored twice or by a neighbour's crop.
    /// </summary>
    private static void ApplyOwnership(PlanarImage weight, PixelRect rect, IReadOnlyList<AnalyzedFace> faces, int self)
    {
        if (faces.Count < 2) return;
        var centres = faces.Select(f => f.Box.Center).ToArray();
        var sizes = faces.Select(f => MathF.Max(1, f.Box.Size)).ToArray();
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
            {
                int i = y * rect.Width + x;
                if (weight.Data[i] <= 0) continue;
                var p = new Vector2(rect.X + x + 0.5f, rect.Y + y + 0.5f);
                float own = Vector2.Distance(p, centres[self]) / sizes[self], other = float.MaxValue;
                for (int j = 0; j < faces.Count; j++)
                    if (j != self) other = MathF.Min(other, Vector2.Distance(p, centres[j]) / sizes[j]);
                float t = Math.Clamp((other / MathF.Max(own, 1e-6f) - 0.8f) / 0.4f, 0, 1);
                weight.Data[i] *= t * t * (3 - 2 * t);
                if (weight.Data[i] < 1e-4f) weight.Data[i] = 0;
            }
    }

    /// <summary>Too small to restore (<see cref="SmallestFace"/>) or larger than the photo's short side: skipped with a note.</summary>
    private static bool OutOfRange(AnalyzedFace face, PlanarImage photo) =>
        face.Box.Size < SmallestFace || face.Box.Size > Math.Min(photo.Width, photo.Height);
}
