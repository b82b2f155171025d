using RetouchPlugins.Shared.Effects.Plugins;

namespace RetouchPlugins.Shared.Effects;

/// <summary>One effect of a catalog: its descriptor and how to make it (effects are cheap; models open on first render).</summary>
public sealed class CatalogEntry
{
    private readonly Func<IPortraitEffect> _create;
    private readonly Lazy<EffectDescriptor> _descriptor;

    /// <summary>A built-in effect: the descriptor is read from a first instance when a host asks for it.</summary>
    public CatalogEntry(Func<IPortraitEffect> create)
    {
        _create = create;
        _descriptor = new(() => create().Descriptor);
    }

    /// <summary>A third-party plugin's effect, whose descriptor was read and checked when it was loaded.</summary>
    public CatalogEntry(PluginEffectType plugin)
    {
        _create = plugin.Create;
        _descriptor = new(plugin.Descriptor);
        Plugin = plugin.Origin;
    }

    public EffectDescriptor Descriptor => _descriptor.Value;
    public string Id => Descriptor.Id;

    /// <summary>The plugin file the effect came from; null for the built-in effects.</summary>
    public PluginOrigin? Plugin { get; }

    public IPortraitEffect Create() => _create();
}

/// <summary>
/// Every effect the product has, in menu order: the one place an effect is registered. The command line
/// (`retouch ID`, `retouch batch --effect ID`), the Paint.NET menu (one entry each, generated at build time
/// from this file) and the tests enumerate it; no host names an effect.
/// </summary>
public static class EffectCatalog
{
    public static IReadOnlyList<CatalogEntry> All { get; } =
    [
        new(() => SkinRecipe.Create()),
        new(() => new SkinRetouchEffect()),
        new(() => new BlemishRemovalEffect()),
        new(() => new WhiteningEffect()),
        new(() => new ToneMatchEffect()),
        new(() => new DewrinkleEffect()),
        new(() => new StylizeEffect()),
        new(() => new FaceRestoreEffect()),
        new(() => new MakeupEffect()),
    ];

    /// <summary>The entry with this id, or null.</summary>
    public static CatalogEntry? Find(string id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The entry with this id, or an <see cref="ArgumentException"/> listing the ids there are.</summary>
    public static CatalogEntry Get(string id) =>
        Find(id) ?? throw new ArgumentException($"unknown effect '{id}'; the effects are {string.Join(", ", All.Select(e => e.Id))}");
}
