using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Running;

/// <summary>
/// The two guards a run applies from the header, before any pixel is decoded: the pixel count (decompression
/// bombs) and the memory the run will need (<see cref="MemoryBudget"/>). A host lets its user raise either and
/// names its own way to do so in the hints (the CLI: its option names), so a refusal says what to do.
/// </summary>
public sealed record RunLimits
{
    public static RunLimits Default { get; } = new();

    /// <summary>Images with more pixels are refused (width x height from the header).</summary>
    public long MaxPixels { get; init; } = ImageLoadOptions.DefaultMaxPixels;

    /// <summary>Memory the run may use, in bytes; null: what the machine (or container) has available now.</summary>
    public long? MemoryBytes { get; init; }

    /// <summary>How the user raises <see cref="MaxPixels"/>, e.g. "--max-megapixels".</summary>
    public string PixelLimitHint { get; init; } = ImageLoadOptions.DefaultLimitHint;

    /// <summary>How the user raises the memory budget, e.g. "--memory-limit".</summary>
    public string MemoryLimitHint { get; init; } = "RunLimits.MemoryBytes";

    /// <summary>The load options these limits imply.</summary>
    public ImageLoadOptions LoadOptions => new() { MaxPixels = MaxPixels, LimitHint = PixelLimitHint };
}
