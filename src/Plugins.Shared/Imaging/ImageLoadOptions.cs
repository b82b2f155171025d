namespace RetouchPlugins.Shared.Imaging;

/// <summary>How <see cref="ImageFile"/> reads images.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>16384 x 16384 (268 MP): far above any camera, far below what exhausts memory as float planes.</summary>
    public const long DefaultMaxPixels = 16384L * 16384;

    /// <summary>What the refusal tells an API caller to change; hosts put their own option name in <see cref="LimitHint"/>.</summary>
    public const string DefaultLimitHint = "ImageLoadOptions.MaxPixels";

    public static ImageLoadOptions Default { get; } = new();

    /// <summary>Images with more pixels (width x height, checked from the header before decoding) are refused.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;

    /// <summary>How the user raises <see cref="MaxPixels"/>, named in the refusal (the CLI: "--max-megapixels").</summary>
    public string LimitHint { get; init; } = DefaultLimitHint;

    /// <summary>Rotate/flip the pixels upright according to the EXIF orientation tag.</summary>
    public bool ApplyOrientation { get; init; } = true;
}
