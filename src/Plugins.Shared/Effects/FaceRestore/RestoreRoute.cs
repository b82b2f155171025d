namespace RetouchPlugins.Shared.Effects;

/// <summary>Which restorer a face goes through.</summary>
internal enum RestoreRoute { Network, Classical }

/// <summary>
/// Routing by the face's effective scale s_eff = min(s, 1/f) (ALGORITHMS.md part 3): s is photo pixels per
/// 512-template pixel (eyes 126·s px apart), f the blur factor of the aligned crop (<see cref="DetailOctaves"/>: a
/// face upscaled, defocused or JPEG-compressed holds less detail than its pixel count says). A face with
/// s_eff ≤ 0.45 has too little detail for filters to recover and goes through the network; a larger one already holds
/// its detail, and the classical chain (denoise, masked sharpening) restores it without inventing any. The user can
/// force either route.
/// </summary>
internal static class RestoreRouting
{
    /// <summary>
    /// Faces at or below this scale go through the network on "auto". Since s_eff = min(s, 1/f) with f a power of 2,
    /// a face blurred ×2 (s_eff 0.5) but larger than half the template stays classical: measured on the benchmark's
    /// large set with the file's JPEG tables read (deblocked, the blur measure then finds f = 2 on q30 faces), the
    /// classical chain gives those faces SSIM 0.949 against the network's 0.946 (sample2; GMSD 0.043 against 0.048).
    /// </summary>
    public const float NetworkMaxScale = 0.45f;

    public static RestoreRoute Choose(string route, float sourcePerTemplate) => route switch
    {
        "network" => RestoreRoute.Network,
        "classical" => RestoreRoute.Classical,
        _ => sourcePerTemplate <= NetworkMaxScale ? RestoreRoute.Network : RestoreRoute.Classical,
    };

    /// <summary>The route setting, checked: auto, network or classical.</summary>
    public static string Parse(string? text)
    {
        var route = string.IsNullOrWhiteSpace(text) ? "auto" : text.Trim().ToLowerInvariant();
        return route is "auto" or "network" or "classical" ? route
            : throw new ArgumentException($"route '{text}' is not one of auto, network, classical");
    }
}
