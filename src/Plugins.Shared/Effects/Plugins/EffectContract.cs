namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The version of the effect contract third-party plugins are built against (<see cref="IPortraitEffect"/>,
/// <see cref="EffectDescriptor"/>, <see cref="EffectInput"/>, <see cref="EffectSettings"/> and what they hold).
/// It changes when a change to those types would break a compiled plugin; a host loads only plugins that
/// declare the version it has (docs/host.md, "Effect plugins").
/// </summary>
public static class EffectContract
{
    public const int Version = 1;
}

/// <summary>
/// Marks an assembly as an effect plugin built against <see cref="ContractVersion"/>:
/// <c>[assembly: EffectPlugin(EffectContract.Version)]</c>. The constant is compiled into the plugin, so the
/// attribute records the contract it was built against, and the host reads it before running any plugin code.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class EffectPluginAttribute(int contractVersion) : Attribute
{
    public int ContractVersion { get; } = contractVersion;
}
