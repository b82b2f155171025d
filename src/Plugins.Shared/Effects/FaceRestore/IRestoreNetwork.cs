using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>A face-restoring network: an aligned RGB crop in [0, 1] in, a restored (possibly larger) crop out.</summary>
internal interface IRestoreNetwork
{
    /// <summary>For the log and the message.</summary>
    string Name { get; }

    /// <summary>The side of the aligned crop to feed for a face of effective scale <paramref name="sourcePerTemplate"/> (photo px of real detail per template px).</summary>
    int InputSize(float sourcePerTemplate);

    /// <summary>Restores a square RGB crop of <see cref="InputSize"/>; the output is square, RGB, in [0, 1].</summary>
    PlanarImage Restore(PlanarImage crop, CancellationToken cancellation);
}
