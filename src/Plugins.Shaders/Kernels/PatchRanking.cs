namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// The healing brush's ranked patch offsets for one hole, kept across the attempts at one spot. A redo from the next
/// patch heals the same hole in the same window of the same (unchanged) photo, so ranking the candidates again gives
/// the same list: on a 24 MP close-up that ranking is a fifth of an attempt. A redo with a wider hole ranks anew.
/// </summary>
public sealed class PatchRanking
{
    private (float X, float Y, float Hole)? _key;
    private List<(int X, int Y)>? _offsets;

    /// <summary>The ranking kept for this hole (centre in window pixels, radius), or null when it was for another.</summary>
    public List<(int X, int Y)>? Find(float cx, float cy, float hole) => _key == (cx, cy, hole) ? _offsets : null;

    public void Keep(float cx, float cy, float hole, List<(int X, int Y)> offsets)
    {
        _key = (cx, cy, hole);
        _offsets = offsets;
    }
}
