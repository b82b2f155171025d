using System.Collections.Concurrent;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// One effect rendered on a session's photo: a preview (on the screen-sized copy) or the full-resolution
/// result that can be exported. Its layers are exactly those a layered file gets (<see cref="OutputLayers.Plan"/>).
/// </summary>
public sealed class RenderRecord
{
    private readonly ConcurrentDictionary<(int, bool), byte[]> _encoded = new();

    /// <param name="toScreen">For a render in a photo's own space other than sRGB (a full render): the way its colour layers go to the page.</param>
    public RenderRecord(EffectDescriptor effect, ImageDocument source, EffectResult result, bool preview, TimeSpan time, int? faces,
        IReadOnlyDictionary<string, object> parameters, Shaders.Color.SrgbWorkingSpace? toScreen = null)
    {
        Id = Ids.New();
        Effect = effect;
        Source = source;
        Result = result;
        Preview = preview;
        RenderTime = time;
        Faces = faces;
        Parameters = parameters;
        Layers = OutputLayers.Plan(source, result, effect);
        _toScreen = toScreen;
    }

    /// <summary>A full render of a photo in another RGB space is in that space: its colour layers go to the page as sRGB.</summary>
    private readonly Shaders.Color.SrgbWorkingSpace? _toScreen;

    public string Id { get; }
    public EffectDescriptor Effect { get; }
    /// <summary>The photo the effect rendered on, with the original's depth, ICC profile and EXIF.</summary>
    public ImageDocument Source { get; }
    public EffectResult Result { get; }
    public bool Preview { get; }
    public TimeSpan RenderTime { get; }
    public int? Faces { get; }
    public IReadOnlyDictionary<string, object> Parameters { get; }
    public IReadOnlyList<OutputLayer> Layers { get; }

    /// <summary>
    /// Layer <paramref name="index"/> as an 8-bit sRGB PNG (masks grey), or with <paramref name="rgba"/> as raw interleaved
    /// RGBA bytes for the page's canvas (no encoding: a 1.75 MP PNG costs more than the preview render). Encoded once.
    /// </summary>
    public byte[] Encoded(int index, bool rgba)
    {
        if (index < 0 || index >= Layers.Count)
            throw ApiException.NotFound($"render {Id} has layers 0..{Layers.Count - 1}, not {index}");
        return _encoded.GetOrAdd((index, rgba), key =>
        {
            var layer = Layers[key.Item1];
            var pixels = layer.Mask is null && _toScreen is not null ? _toScreen.ToSrgb(layer.Pixels) : layer.Pixels;
            if (key.Item2) return InterleavedRgba.Encode(pixels);
            return ImageFile.EncodePng(pixels);
        });
    }
}
