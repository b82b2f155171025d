using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Web;

/// <summary>How one launch of the web host runs: its token, the file it was opened on (open mode), its limits.</summary>
public sealed record ServeOptions(AccessToken Token)
{
    /// <summary>`retouch open FILE`: the one file on disk the host may read and write back; null for `retouch serve`.</summary>
    public string? OpenFile { get; init; }

    /// <summary>Open mode: a flat .tif gets layers when saved (otherwise the result replaces its image).</summary>
    public bool TiffLayers { get; init; }

    /// <summary>--cpu: the networks stay on the CPU even where DirectML is available.</summary>
    public bool ForceCpu { get; init; }

    public ServeLimits Limits { get; init; } = new();
}

/// <summary>What one launch allows, so a script or a large upload cannot take the workstation down.</summary>
public sealed record ServeLimits
{
    /// <summary>Largest upload (a 50 MP JPEG is about 25 MB; a 16-bit TIFF of the same about 300 MB).</summary>
    public long MaxUploadBytes { get; init; } = 512L << 20;

    /// <summary>
    /// Largest photo, checked from the header before decoding: 64 MP (8K x 8K) needs about
    /// 64 MP x <see cref="MemoryBudget.BytesPerPixel"/> = 25 GB while it renders.
    /// </summary>
    public long MaxPixels { get; init; } = 64L << 20;

    /// <summary>Files uploaded for file parameters kept at once; one more removes the oldest.</summary>
    public int MaxUploads { get; init; } = 16;

    /// <summary>Photos kept open at once; opening another closes the one used least recently.</summary>
    public int MaxSessions { get; init; } = 4;

    /// <summary>Renders (previews and full) running at once; each already uses every core, so more would only queue in the thread pool.</summary>
    public int ConcurrentRenders { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>A full render (or an analysis) running longer than this is cancelled.</summary>
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The preview's long side when the caller does not say (a 1080p screen).</summary>
    public int DefaultPreviewSize { get; init; } = 1920;
}
