using System.Collections.Concurrent;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers.Png;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// One effect rendered on a session's photo: a preview (on the screen-sized copy) or the full-resolution
/// result that can be exported. Its layers are exactly those a layered file gets (<see cref="OutputLayers.Plan"/>).
/// </summary>
public sealed class RenderRecord
{
    private readonly ConcurrentDictionary<int, byte[]> _png = new();

    public RenderRecord(EffectDescriptor effect, ImageDocument source, EffectResult result, bool preview, TimeSpan time, int? faces,
        IReadOnlyDictionary<string, object> parameters)
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
    }

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

    /// <summary>Layer <paramref name="index"/> as an 8-bit PNG (masks grey), encoded once.</summary>
    public byte[] LayerPng(int index)
    {
        if (index < 0 || index >= Layers.Count)
            throw ApiException.NotFound($"render {Id} has layers 0..{Layers.Count - 1}, not {index}");
        return _png.GetOrAdd(index, i =>
        {
            using var stream = new MemoryStream();
            PngEncoder.Encode(stream, Layers[i].Pixels, 8);
            return stream.ToArray();
        });
    }
}
