using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RetouchPlugins.Shared.Effects.Plugins;

/// <summary>
/// Reads a candidate plugin file's metadata without loading it (no plugin code runs): is it a .NET assembly at all,
/// and which effect contract does its <see cref="EffectPluginAttribute"/> declare. Returns the problem, or null.
/// </summary>
internal static class PluginAssemblyCheck
{
    public static string? Problem(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return "not a .NET assembly (no metadata; a native library cannot be an effect plugin)";
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly) return "a .NET module, not an assembly";
            int? declared = DeclaredContract(reader);
            if (declared is null)
                return $"not an effect plugin: it has no [assembly: EffectPlugin(EffectContract.Version)] attribute " +
                       "(dependencies of a plugin belong in the plugin's own folder, plugins/NAME/NAME.dll)";
            if (declared != EffectContract.Version)
                return $"built for effect contract {declared}; this host reads contract {EffectContract.Version} (rebuild the plugin against this version of Plugins.Shared)";
            return null;
        }
        catch (BadImageFormatException e)
        {
            return $"not a .NET assembly ({e.Message})";
        }
        catch (InvalidOperationException e) // PEReader on a file too short or not PE at all
        {
            return $"not a .NET assembly ({e.Message})";
        }
    }

    /// <summary>The int argument of the assembly's EffectPluginAttribute, or null when it has none.</summary>
    private static int? DeclaredContract(MetadataReader reader)
    {
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute) != (typeof(EffectPluginAttribute).Namespace, nameof(EffectPluginAttribute))) continue;
            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.Length < 6 || blob.ReadUInt16() != 1) return -1; // the prolog of every custom attribute blob
            return blob.ReadInt32();
        }
        return null;
    }

    private static (string?, string?) AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference) return (null, null); // defined in the plugin itself: not ours
        var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference) return (null, null);
        var type = reader.GetTypeReference((TypeReferenceHandle)parent);
        return (reader.GetString(type.Namespace), reader.GetString(type.Name));
    }
}
