using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Png;

/// <summary>A decoded PNG: planes in [0, 1] (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA), the file's sample
/// depth (1-16; palette images report 8) and its embedded ICC profile, if any.</summary>
public sealed record PngImage(PlanarImage Pixels, int BitDepth, byte[]? IccProfile);
