namespace RetouchPlugins.Shared.Effects.Plugins;

/// <summary>A plugin file (or folder) that was refused or skipped, and why; hosts show these as warnings.</summary>
public sealed record PluginProblem(string File, string Problem)
{
    public override string ToString() => $"{File}: {Problem}";
}

/// <summary>Where a plugin effect came from: the plugin file, its assembly name and version.</summary>
public sealed record PluginOrigin(string File, string Assembly, string Version)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(File)} {Version}";
}

/// <summary>
/// A third-party effect failed (while being made or while rendering). The message names the plugin file and the
/// effect, so the host reports it like any other bad input and carries on; the plugin's own exception is inside.
/// </summary>
public sealed class PluginFailureException(PluginOrigin origin, string effectId, string stage, Exception inner)
    : Exception($"{origin.File}: the plugin effect '{effectId}' failed {stage}: {inner.GetType().Name}: {inner.Message}", inner)
{
    public PluginOrigin Origin { get; } = origin;
}
