namespace RetouchPlugins.Shared.Effects.Plugins;

/// <summary>
/// A third-party effect as the host runs it: the descriptor is the one checked at load (the plugin's getter is
/// not asked again), and anything Render throws other than a cancellation becomes a
/// <see cref="PluginFailureException"/> naming the plugin file and the effect, so every host reports it as one
/// line and keeps running. (A plugin can still end the process by itself — a stack overflow, Environment.Exit,
/// an exception on a thread it started: in-process plugins cannot be fenced against that; docs/host.md.)
/// </summary>
internal sealed class PluginEffect(IPortraitEffect inner, EffectDescriptor descriptor, PluginOrigin origin) : IPortraitEffect
{
    public EffectDescriptor Descriptor => descriptor;

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        EffectResult result;
        try
        {
            result = inner.Render(input, settings, progress, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new PluginFailureException(origin, descriptor.Id, "while rendering", e);
        }
        return Checked(result, input);
    }

    /// <summary>What the hosts rely on: a result at the input's size, and only masks the descriptor declares.</summary>
    private EffectResult Checked(EffectResult? result, EffectInput input)
    {
        string? problem = result switch
        {
            null => "returned no result",
            { Image: null } => "returned no image",
            _ when !result.Image.SameSize(input.Image) =>
                $"returned a {result.Image.Width}x{result.Image.Height} image for a {input.Image.Width}x{input.Image.Height} input",
            _ when result.Image.Channels != input.Image.Channels =>
                $"returned {result.Image.Channels} channels for {input.Image.Channels}",
            _ when result.Masks.FirstOrDefault(m => !descriptor.Masks.Contains(m.Kind)) is { } stray =>
                $"returned the mask '{stray.Kind.Id}', which its descriptor does not declare",
            _ when result.Masks.FirstOrDefault(m => !m.Mask.SameSize(input.Image)) is { } odd =>
                $"returned the mask '{odd.Kind.Id}' at another size than the image",
            _ => null,
        };
        return problem is null ? result! : throw new PluginFailureException(origin, descriptor.Id, "while rendering",
            new InvalidDataException(problem));
    }
}
