namespace RetouchPlugins.Shared.Faces;

/// <summary>What <see cref="PortraitAnalyzer.Analyze(RetouchPlugins.Shaders.PlanarImage, AnalyzerOptions?, IProgress{double}?, CancellationToken)"/> computes.</summary>
public sealed record AnalyzerOptions
{
    /// <summary>Run u2netp for <see cref="PortraitAnalysis.PersonMask"/>. Without it there is no body skin (the person bounds it).</summary>
    public bool PersonMask { get; init; } = true;

    /// <summary>Extend the skin mask from the faces to neck, shoulders and arms with the photo's skin colour model.</summary>
    public bool BodySkin { get; init; } = true;

    /// <summary>
    /// Longest side (pixels) of the copy the whole analysis runs on (detection and its tiles, mesh, masks); larger
    /// photos are area-averaged to it and the masks carried back up by guided upsampling. 2048 keeps the 1920 px
    /// demo photos at their own size and finds faces down to about 32 / 2048 of the long side.
    /// </summary>
    public int WorkingSize { get; init; } = 2048;

    /// <summary>Longest side (pixels) of the reduced copy the skin colour model runs on; the result is scaled up.</summary>
    public int SkinWorkingSize { get; init; } = 768;

    /// <summary>Colour model settings.</summary>
    public SkinColourSettings Skin { get; init; } = new();
}

/// <summary>
/// How strict the body-skin colour test is. Distances are Mahalanobis distances in Oklab (a, b) from the
/// Gaussian fitted to a face's skin; reach is in face sizes (the detector box's larger side) from the face centre.
/// </summary>
public sealed record SkinColourSettings
{
    /// <summary>Colour distance accepted near a face (neck, shoulders).</summary>
    public float NearTolerance { get; init; } = 1.8f;

    /// <summary>Colour distance accepted at <see cref="FarReach"/> (arms, hands): far from a face a pixel needs a closer match.</summary>
    public float FarTolerance { get; init; } = 1.4f;

    /// <summary>Up to this many face sizes from a face the near tolerance applies.</summary>
    public float NearReach { get; init; } = 1.5f;

    /// <summary>Beyond this many face sizes from every face nothing is body skin.</summary>
    public float FarReach { get; init; } = 5f;

    /// <summary>
    /// Texture limit as a multiple of the face skin's own fine texture (90th percentile): smoother is skin,
    /// rougher than this is hair, lace or knit.
    /// </summary>
    public float TextureTolerance { get; init; } = 1.1f;

    /// <summary>How much darker than the face's darkest skin (Oklab L) still counts, for necks in the chin's shadow.</summary>
    public float ShadowAllowance { get; init; } = 0.12f;

    /// <summary>How much lighter than the face's lightest skin (Oklab L) still counts.</summary>
    public float HighlightAllowance { get; init; } = 0.02f;
}
