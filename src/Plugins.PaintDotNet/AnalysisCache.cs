using RetouchPlugins.Shaders;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// The analysis (faces, masks) of the last few input images, keyed by content hash and size, so a slider
/// move re-renders without re-analysing. Two entries: the layer itself and the image below it
/// ("retouch only"), so switching that option back and forth analyses each once. Used under the adapter's lock.
/// </summary>
internal sealed class AnalysisCache<TAnalysis> where TAnalysis : class
{
    private const int Capacity = 2;
    private readonly List<Entry> _entries = new(Capacity);

    private sealed record Entry(ulong Hash, int Width, int Height, PlanarImage Image, TAnalysis Analysis);

    public (PlanarImage Image, TAnalysis Analysis) GetOrAnalyze(BgraPixels pixels, Func<PlanarImage, TAnalysis> analyze)
    {
        ulong hash = ContentHash.Of(pixels.Pixels, pixels.Width, pixels.Height);
        var hit = _entries.FindIndex(e => e.Hash == hash && e.Width == pixels.Width && e.Height == pixels.Height);
        if (hit >= 0)
        {
            var e = _entries[hit];
            _entries.RemoveAt(hit);
            _entries.Insert(0, e);
            return (e.Image, e.Analysis);
        }
        var image = pixels.ToPlanarRgb();
        var analysis = analyze(image); // throws on cancel: nothing half-done is cached
        _entries.Insert(0, new Entry(hash, pixels.Width, pixels.Height, image, analysis));
        if (_entries.Count > Capacity) _entries.RemoveAt(Capacity);
        return (image, analysis);
    }
}
