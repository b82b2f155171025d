using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// A Paint.NET 5 bitmap effect (Effects > Portrait) over one catalog effect. The menu classes are generated
/// at build time from EffectCatalog.cs (Plugins.PaintDotNet.Generator), one per entry, each passing its index.
/// The dialog is generated from the effect's parameters plus "Retouch only", with the parameters' help behind its help
/// button; every entry shows the Portrait icon (PortraitIcon). Paint.NET renders in tiles, often
/// on several threads; the effect needs the whole image (faces), so the first tile of a token renders the
/// whole image once and every tile copies its rectangle out. The analysis comes from the plugin's one
/// <see cref="PluginServices"/> (models opened once, analyses cached by content hash), so moving a slider only
/// re-renders and two effects on the same image analyse it once. IsCancelRequested is checked between stages,
/// inside the effect (through Paint.NET's CancellationToken) and before each tile's copy; a cancelled render writes nothing further.
/// The active selection limits the change (EffectInput.Selection); Paint.NET also clips the output to it. Where the
/// dialog says so, a points parameter also takes a point from each small piece of the selection (<see cref="SelectionPoints"/>).
/// </summary>
public abstract class CatalogEffectAdapter : PropertyBasedBitmapEffect
{
    private readonly CatalogEntry _entry;
    private readonly Lazy<IPortraitEffect> _effect;
    private readonly object _gate = new();
    private RenderRequest? _request;
    private RenderedFrame? _frame;
    private int _version;

    private readonly (IAnalysisProvider Analysis, EffectResources Resources)? _services;

    protected CatalogEffectAdapter(int catalogIndex) : this(EffectCatalog.All[catalogIndex], null) { }

    /// <summary>An adapter over any entry with the given services (tests); menu classes use the catalog and <see cref="PluginServices"/>.</summary>
    private protected CatalogEffectAdapter(CatalogEntry entry, (IAnalysisProvider Analysis, EffectResources Resources)? services)
        : base(entry.Descriptor.Label, PortraitIcon.Create(), PortraitMenu.SubmenuName, BitmapEffectOptions.Create() with { IsConfigurable = true })
    {
        _entry = entry;
        _services = services;
        _effect = new Lazy<IPortraitEffect>(entry.Create, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The catalog entry this menu item shows.</summary>
    public CatalogEntry Entry => _entry;

    private IPortraitEffect Effect => _effect.Value;

    private IReadOnlyList<EffectParameter> Parameters => _entry.Descriptor.Parameters;

    /// <summary>The folder holding the plugin DLL (Effects/RetouchPlugins/), where models/ lies.</summary>
    public static string PluginDirectory =>
        Path.GetDirectoryName(typeof(CatalogEffectAdapter).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory;

    /// <summary>The effect's message from the last completed render (e.g. "no face found"), for diagnostics.</summary>
    public string? LastMessage { get; private set; }

    protected override PropertyCollection OnCreatePropertyCollection() => EffectProperties.Create(Parameters);

    protected override ControlInfo OnCreateConfigUI(PropertyCollection props)
    {
        ControlInfo ui = CreateDefaultConfigUI(props);
        EffectProperties.SetLabels(ui, Parameters);
        return ui;
    }

    /// <summary>The dialog's help button: the effect's summary and each control's help (plain text).</summary>
    protected override void OnCustomizeConfigUIWindowProperties(PropertyCollection props)
    {
        Property Window(ControlInfoPropertyNames name) => props[name] ?? throw new InvalidOperationException($"Paint.NET offered no window property {name}");
        Window(ControlInfoPropertyNames.WindowHelpContentType).Value = WindowHelpContentType.PlainText;
        Window(ControlInfoPropertyNames.WindowHelpContent).Value = EffectHelp.For(_entry.Descriptor, new RetouchPluginsSupportInfo());
        base.OnCustomizeConfigUIWindowProperties(props);
    }

    protected override void OnSetToken(PropertyBasedEffectConfigToken? newToken)
    {
        ArgumentNullException.ThrowIfNull(newToken);
        var values = EffectProperties.Read(newToken, Parameters);
        lock (_gate)
        {
            _request = new RenderRequest(values.Settings, values.RetouchOnly, values.PointsFromSelection, ++_version);
            _frame = null;
        }
        base.OnSetToken(newToken);
    }

    protected override void OnRender(IBitmapEffectOutput output)
    {
        if (IsCancelRequested) return;
        var frame = FrameForCurrentToken();
        if (frame is null) return;

        using IBitmapLock<ColorBgra32> outputLock = output.LockBgra32();
        frame.Pixels.CopyTo(output.Bounds, outputLock.AsRegionPtr());
    }

    /// <summary>The whole rendered image for the current token; renders it if this is the first tile. Null when cancelled.</summary>
    /// <remarks>
    /// The render runs under the lock: the other tiles' threads need its result and wait for it. A new token
    /// (OnSetToken) waits too, but Paint.NET cancels the running render first (its CancellationToken), and the effect stops at its next check.
    /// </remarks>
    private RenderedFrame? FrameForCurrentToken()
    {
        lock (_gate)
        {
            var request = _request ?? throw new InvalidOperationException("OnRender was called before OnSetToken");
            if (_frame is { } done && done.Version == request.Version) return done;
            if (IsCancelRequested) return null;
            _frame = RenderWholeImage(request);
            return _frame;
        }
    }

    private RenderedFrame? RenderWholeImage(RenderRequest request)
    {
        // Paint.NET's own token (EffectBase.CancellationToken): cancelled on Cancel or when a new token arrives.
        var cancellation = CancellationToken;
        try
        {
            // Retouch only: the effect runs on the visible image (the document composite: with an empty
            // layer on top that is the image below it), and the output is only the change.
            using IEffectInputBitmap<ColorBgra32> input = request.RetouchOnly
                ? Environment.Document.GetBitmapBgra32()
                : Environment.GetSourceBitmapBgra32();
            var pixels = BgraPixels.Read(input);
            var selection = SelectionMask.Read(Environment.Selection, pixels.Width, pixels.Height);
            cancellation.ThrowIfCancellationRequested();

            var (analysisProvider, resources) = _services ?? PluginServices.For(PluginDirectory).Both;
            var image = pixels.ToPlanarRgb();
            var descriptor = _entry.Descriptor;
            var settings = SelectionPoints.AddTo(request.Settings, request.PointsFromSelection, selection);
            var analysis = descriptor.Needs == AnalysisNeeds.None ? null
                : analysisProvider.Analyze(image, AnalysisRequest.For(descriptor, settings), null, cancellation);
            cancellation.ThrowIfCancellationRequested();

            // The selection limits the change (and is the mask of effects that work inside one, like de-wrinkle).
            var result = Effect.Render(new EffectInput(image, analysis, resources, selection), settings, null, cancellation);
            cancellation.ThrowIfCancellationRequested();

            var rendered = pixels.WithColourOf(result.Image);
            if (request.RetouchOnly) RetouchLayer.ChangeOnly(pixels.Pixels, rendered.Pixels);
            LastMessage = result.Message;
            return new RenderedFrame(rendered, request.Version);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return null;
        }
    }

    private sealed record RenderRequest(EffectSettings Settings, bool RetouchOnly, IReadOnlyList<EffectParameter> PointsFromSelection, int Version);

    private sealed record RenderedFrame(BgraPixels Pixels, int Version);
}
