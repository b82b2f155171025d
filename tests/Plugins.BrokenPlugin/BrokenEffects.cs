using RetouchPlugins.Shared.Effects;

[assembly: EffectPlugin(EffectContract.Version)]

namespace BrokenPlugin;

/// <summary>A well-formed descriptor for the broken effects below.</summary>
internal static class Descriptors
{
    public static EffectDescriptor Plain(string id) => new(id, "Broken " + id, "A test plugin that fails.",
        [new EffectParameter("amount", "Amount", ParameterKind.Number, 0.5, 0, 1, "Unused.")], [], AnalysisNeeds.None);
}

public sealed class ThrowsInConstructorEffect : IPortraitEffect
{
    public ThrowsInConstructorEffect() => throw new InvalidOperationException("the licence file is missing");
    public EffectDescriptor Descriptor => Descriptors.Plain("throws-in-constructor");
    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        throw new NotImplementedException();
}

public sealed class ThrowsOnDescriptorEffect : IPortraitEffect
{
    public EffectDescriptor Descriptor => throw new NullReferenceException("descriptor not initialised");
    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        throw new NotImplementedException();
}

/// <summary>Loads fine; fails every render (as a plugin with a bug in its pixel code would).</summary>
public sealed class ThrowsInRenderEffect : IPortraitEffect
{
    public EffectDescriptor Descriptor { get; } = Descriptors.Plain("throws-in-render");
    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        throw new IndexOutOfRangeException("row 7 of 6");
}

/// <summary>Takes the built-in skin retouch's id: the host must refuse it and keep its own.</summary>
public sealed class ClaimsSkinEffect : IPortraitEffect
{
    public EffectDescriptor Descriptor { get; } = Descriptors.Plain("skin");
    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        new(input.Image.Clone(), []);
}
