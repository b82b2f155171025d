using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace PaintDotNet.StandIn;

/// <summary>
/// Test harness, not Paint.NET: plays Paint.NET's part for one effect instance. It builds the
/// property collection and config UI, takes property values, makes a token, calls OnSetToken, and
/// renders the image as tiles (row-major, or in parallel as Paint.NET does) into an output bitmap
/// pre-filled with a sentinel so that tiles an effect never wrote stay recognisable. Unlike Paint.NET
/// it keeps handing out tiles after a cancel request, so that tests see whether the effect stops by itself.
/// </summary>
public sealed class StandInEffectHost
{
    private readonly PropertyBasedBitmapEffect _effect;
    private volatile bool _cancel;

    /// <param name="source">The layer the effect is applied to.</param>
    /// <param name="document">The document composite (all visible layers); defaults to <paramref name="source"/> for a one-layer image.</param>
    public StandInEffectHost(PropertyBasedBitmapEffect effect, StandInBitmap source, StandInBitmap? document = null)
    {
        _effect = effect;
        Source = source;
        Document = document ?? source;
        if (Document.Width != source.Width || Document.Height != source.Height)
            throw new ArgumentException($"document {Document.Width}x{Document.Height} and layer {source.Width}x{source.Height} differ in size");
        effect.HostAttach(new Environment(this), () => _cancel);
        Properties = effect.HostCreatePropertyCollection();
        ConfigUI = effect.HostCreateConfigUI(Properties);
    }

    public StandInBitmap Source { get; }
    public StandInBitmap Document { get; }
    public PropertyCollection Properties { get; }
    public ControlInfo ConfigUI { get; }

    /// <summary>Tiles whose OnRender call returned during the last <see cref="Render"/>.</summary>
    public int TilesRendered { get; private set; }

    public void SetValue(object propertyName, object value) => Properties[propertyName].BoxedValue = value;

    /// <summary>What Paint.NET does when the user presses Cancel or changes a slider mid-render.</summary>
    public void RequestCancel() => _cancel = true;

    /// <summary>One render pass with the current values: OnSetToken, then OnRender per tile.</summary>
    /// <param name="afterTile">Called after each tile returns (tests use it to cancel part-way).</param>
    public StandInBitmap Render(int tileSize = 64, bool parallel = false, Action<RectInt32>? afterTile = null, ColorBgra32 sentinel = default)
    {
        _cancel = false;
        var output = new StandInBitmap(Source.Width, Source.Height);
        Array.Fill(output.Pixels, sentinel);
        _effect.HostSetToken(new PropertyBasedEffectConfigToken(Properties));

        var tiles = new List<RectInt32>();
        for (int y = 0; y < Source.Height; y += tileSize)
            for (int x = 0; x < Source.Width; x += tileSize)
                tiles.Add(new RectInt32(x, y, Math.Min(tileSize, Source.Width - x), Math.Min(tileSize, Source.Height - y)));

        int rendered = 0;
        void RenderTile(RectInt32 tile)
        {
            // Every tile is handed out even after a cancel request, so the effect itself must stop writing.
            _effect.HostRender(new Output(output, tile));
            Interlocked.Increment(ref rendered);
            afterTile?.Invoke(tile);
        }

        if (parallel) Parallel.ForEach(tiles, RenderTile);
        else foreach (var t in tiles) RenderTile(t);
        TilesRendered = rendered;
        return output;
    }

    private sealed class Environment(StandInEffectHost host) : IBitmapEffectEnvironment, IBitmapEffectDocumentInfo
    {
        public IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32() => host.Source;
        public IBitmapEffectDocumentInfo Document => this;
        public IEffectInputBitmap<ColorBgra32> GetBitmapBgra32() => host.Document;
    }

    private sealed class Output(StandInBitmap target, RectInt32 bounds) : IBitmapEffectOutput
    {
        public RectInt32 Bounds => bounds;
        public IBitmapLock<ColorBgra32> LockBgra32() => target.Lock(bounds);
    }
}
