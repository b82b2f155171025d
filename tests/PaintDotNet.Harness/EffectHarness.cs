using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace RetouchPlugins.PaintDotNet.Harness;

/// <summary>
/// Test harness, not Paint.NET: plays Paint.NET's part for one effect instance. It builds the
/// property collection and config UI, takes property values, makes a token, calls OnSetToken, and
/// renders the image as tiles (row-major, or in parallel as Paint.NET does) into an output bitmap
/// pre-filled with a sentinel so that tiles an effect never wrote stay recognisable. Cancellation goes through the effect's CancellationToken (EffectBase), as in Paint.NET. Unlike Paint.NET
/// it keeps handing out tiles after a cancel request, so that tests see whether the effect stops by itself.
/// </summary>
public sealed class StandInEffectHost
{
    private readonly PropertyBasedBitmapEffect _effect;
    private CancellationTokenSource _cancel = new();

    /// <param name="source">The layer the effect is applied to.</param>
    /// <param name="document">The document composite (all visible layers); defaults to <paramref name="source"/> for a one-layer image.</param>
    /// <param name="selection">The active selection as a mask (255 inside); null: no selection (the whole layer).</param>
    public StandInEffectHost(PropertyBasedBitmapEffect effect, StandInBitmap source, StandInBitmap? document = null, HarnessBitmap<ColorAlpha8>? selection = null)
    {
        _effect = effect;
        Source = source;
        Document = document ?? source;
        if (Document.Width != source.Width || Document.Height != source.Height)
            throw new ArgumentException($"document {Document.Width}x{Document.Height} and layer {source.Width}x{source.Height} differ in size");
        Selection = selection ?? FullSelection(source.Width, source.Height);
        effect.HarnessAttach(new Environment(this));
        Properties = effect.HarnessCreatePropertyCollection();
        ConfigUI = effect.HarnessCreateConfigUI(Properties);
    }

    /// <summary>What Paint.NET shows as the effect's name and submenu (not public API of an effect).</summary>
    public string Name => _effect.HarnessName;
    public string? SubMenuName => _effect.HarnessSubMenuName;
    public bool IsConfigurable => _effect.HarnessOptions.IsConfigurable;

    /// <summary>The image the effect gave Paint.NET for its menu entry (the constructor overload with an image), or null.</summary>
    public IBitmapSource? Icon => _effect.HarnessImage;

    /// <summary>The dialog window's properties (title, help button) as Paint.NET offers them, after the effect customised them.</summary>
    public PropertyCollection WindowProperties() => _effect.HarnessCustomizeWindow();

    public HarnessBitmap<ColorAlpha8> Selection { get; }

    /// <summary>What the effect set on its dialog, e.g. a label.</summary>
    public object? GetPropertyControlValue(object propertyName, ControlInfoPropertyNames controlProperty) =>
        ((HarnessControlInfo)ConfigUI).Get(propertyName, controlProperty);

    private static HarnessBitmap<ColorAlpha8> FullSelection(int width, int height)
    {
        var mask = new HarnessBitmap<ColorAlpha8>(width, height);
        Array.Fill(mask.Pixels, new ColorAlpha8 { A = 255 });
        return mask;
    }

    public StandInBitmap Source { get; }
    public StandInBitmap Document { get; }
    public PropertyCollection Properties { get; }
    public ControlInfo ConfigUI { get; }

    /// <summary>Tiles whose OnRender call returned during the last <see cref="Render"/>.</summary>
    public int TilesRendered { get; private set; }

    public void SetValue(object propertyName, object value) =>
        (Properties[propertyName] ?? throw new KeyNotFoundException($"no property '{propertyName}'")).Value = value;

    /// <summary>What Paint.NET does when the user presses Cancel or changes a slider mid-render.</summary>
    public void RequestCancel() => _cancel.Cancel();

    /// <summary>One render pass with the current values: OnSetToken, then OnRender per tile.</summary>
    /// <param name="afterTile">Called after each tile returns (tests use it to cancel part-way).</param>
    public StandInBitmap Render(int tileSize = 64, bool parallel = false, Action<RectInt32>? afterTile = null, ColorBgra32 sentinel = default)
    {
        _cancel = new CancellationTokenSource();
        _effect.HarnessSetCancellation(_cancel.Token);
        var output = new StandInBitmap(Source.Width, Source.Height);
        Array.Fill(output.Pixels, sentinel);
        _effect.HarnessSetToken(new PropertyBasedEffectConfigToken(Properties));

        var tiles = new List<RectInt32>();
        for (int y = 0; y < Source.Height; y += tileSize)
            for (int x = 0; x < Source.Width; x += tileSize)
                tiles.Add(new RectInt32(x, y, Math.Min(tileSize, Source.Width - x), Math.Min(tileSize, Source.Height - y)));

        int rendered = 0;
        void RenderTile(RectInt32 tile)
        {
            // Every tile is handed out even after a cancel request, so the effect itself must stop writing.
            _effect.HarnessRender(new Output(output, tile));
            Interlocked.Increment(ref rendered);
            afterTile?.Invoke(tile);
        }

        if (parallel) Parallel.ForEach(tiles, RenderTile);
        else foreach (var t in tiles) RenderTile(t);
        TilesRendered = rendered;
        return output;
    }

    private sealed class Environment(StandInEffectHost host) : IBitmapEffectEnvironment, IBitmapEffectDocumentInfo, IHarnessEnvironment, IHarnessDocument, IEffectSelectionInfo
    {
        public IBitmapEffectDocumentInfo Document => this;
        public IEffectSelectionInfo Selection => this;
        public IEffectInputBitmap<ColorBgra32> SourceBitmap => host.Source;
        public IEffectInputBitmap<ColorBgra32> CompositeBitmap => host.Document;
        public RectInt32 RenderBounds => Bounds(host.Selection);
        public IEffectInputBitmap<ColorAlpha8> MaskBitmap => host.Selection;
        public void Dispose() { }

        private static RectInt32 Bounds(HarnessBitmap<ColorAlpha8> mask)
        {
            int x0 = mask.Width, y0 = mask.Height, x1 = -1, y1 = -1;
            for (int y = 0; y < mask.Height; y++)
                for (int x = 0; x < mask.Width; x++)
                    if (mask[x, y].A > 0) { x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); }
            return x1 < 0 ? default : new RectInt32(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        }
    }

    private sealed class Output(StandInBitmap target, RectInt32 bounds) : IBitmapEffectOutput, IHarnessOutput
    {
        public RectInt32 Bounds => bounds;
        public IBitmapLock<ColorBgra32> LockBgra32() => target.Lock(bounds);
    }
}
