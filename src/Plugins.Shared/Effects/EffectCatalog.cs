namespace RetouchPlugins.Shared.Effects;

/// <summary>One effect of the catalog: its descriptor and how to make it (effects are cheap; models open on first render).</summary>
public sealed class CatalogEntry(Func<IPortraitEffect> create)
{
    private readonly Lazy<EffectDescriptor> _descriptor = new(() => create().Descriptor);

    public EffectDescriptor Descriptor => _descriptor.Value;
    public string Id => Descriptor.Id;
    public IPortraitEffect Create() => create();
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
