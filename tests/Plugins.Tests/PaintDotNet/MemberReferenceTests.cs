using RetouchPlugins.Tests.Support;
using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using RetouchPlugins.PaintDotNet;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// A check that cannot drift: every Paint.NET type and member the compiled plugin DLL references is read from its
/// metadata (System.Reflection.Metadata) and must be declared by Paint.NET 5.1.9's published API
/// (paintdotnet-api.txt, from paintdotnet/apidocs) in the same assembly, on the same declaring type, with the same
/// name and signature. A DLL that passes references Paint.NET the way Paint.NET declares it, so it binds.
/// </summary>
public sealed class MemberReferenceTests
{
    private static readonly Lazy<PaintDotNetApi> Api = new(() => new PaintDotNetApi(Path.Combine(SourceFolder(), "paintdotnet-api.txt")));

    [Fact]
    public void Every_paint_net_member_the_plugin_references_is_declared_so_by_paint_net()
    {
        var wrong = Mismatches(typeof(CatalogEffectAdapter).Assembly.Location, out int members);
        Assert.True(members >= 30, $"only {members} Paint.NET member references read; the reader is broken");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The Paint.NET types and members <paramref name="pluginDll"/> references that Paint.NET does not declare so (empty: it binds).</summary>
    internal static IReadOnlyList<string> Mismatches(string pluginDll, out int memberCount)
    {
        var references = PluginReferences(pluginDll);
        memberCount = references.Members.Count;
        var wrong = new List<string>();
        foreach (var (assembly, type) in references.Types)
            if (Api.Value.AssembliesOf(type) is not { Count: > 0 } expected) wrong.Add($"type {type} ({assembly}) is not in the published API list");
            else if (!expected.Contains(assembly)) wrong.Add($"type {type} is referenced in {assembly}; Paint.NET declares it in {string.Join(", ", expected)}");
        foreach (var (assembly, type, key) in references.Members)
            if (!key.StartsWith('<') && !Api.Value.Has(assembly, type, key))
                wrong.Add($"{type}::{key} in {assembly} is not declared so by Paint.NET (it has: {string.Join("; ", Api.Value.KeysOf(type))})");
        return wrong;
    }

    [Fact]
    public void The_check_catches_a_member_on_the_wrong_declaring_type()
    {
        // The old stand-in had Size on IBitmapLock<T> and LockBgra32 on the output interface; Paint.NET does not.
        Assert.False(Api.Value.Has("PaintDotNet.Imaging.IBitmapLock`1", "get_Size():SizeInt32"));
        Assert.True(Api.Value.Has("PaintDotNet.Imaging.IBitmapLock", "get_Size():SizeInt32"));
        Assert.False(Api.Value.Has("PaintDotNet.Effects.IBitmapEffectOutput", "LockBgra32():IBitmapLock<ColorBgra32>"));
        Assert.True(Api.Value.Has("PaintDotNet.Effects.BitmapEffectOutputExtensions", "LockBgra32(IBitmapEffectOutput):IBitmapLock<ColorBgra32>"));
        Assert.True(Api.Value.Has("PaintDotNet.IndirectUI.ControlInfo", "SetPropertyControlValue(object,object,object):bool"));
        Assert.True(Api.Value.Has("PaintDotNet.Imaging.ColorBgra32", "get_B():byte"));
        // A type page can name another assembly than its members' pages: the member's own assembly is what binds.
        Assert.True(Api.Value.Has("PaintDotNet.Windows.Core", "PaintDotNet.Imaging.ImagingFactoryExtensions", "CreateBitmap(IImagingFactory,int,int):IBitmap<!!0>"));
        Assert.False(Api.Value.Has("PaintDotNet.Framework", "PaintDotNet.Imaging.ImagingFactoryExtensions", "CreateBitmap(IImagingFactory,int,int):IBitmap<!!0>"));
    }

    private sealed record References(IReadOnlyList<(string Assembly, string Type)> Types, IReadOnlyList<(string Assembly, string Type, string Key)> Members);

    /// <summary>The Paint.NET types and members referenced by a plugin DLL (RetouchPlugins.dll).</summary>
    private static References PluginReferences(string pluginDll)
    {
        using var stream = File.OpenRead(pluginDll);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var types = new List<(string, string)>();
        foreach (var handle in md.TypeReferences)
        {
            var r = md.GetTypeReference(handle);
            if (r.ResolutionScope.Kind != HandleKind.AssemblyReference) continue;
            var assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)r.ResolutionScope).Name);
            if (assembly.StartsWith("PaintDotNet", StringComparison.Ordinal)) types.Add((assembly, FullName(md, handle)));
        }
        var provider = new SimpleNames(md);
        var members = new List<(string, string, string)>();
        foreach (var handle in md.MemberReferences)
        {
            var m = md.GetMemberReference(handle);
            if (DeclaringType(md, m.Parent) is not { } type || !IsPaintDotNet(md, type.Handle)) continue;
            var assembly = AssemblyOf(md, type.Handle);
            if (m.GetKind() != MemberReferenceKind.Method) { members.Add((assembly, type.Name, "field " + md.GetString(m.Name))); continue; }
            var sig = m.DecodeMethodSignature(provider, null);
            members.Add((assembly, type.Name, $"{md.GetString(m.Name)}({string.Join(",", sig.ParameterTypes)}):{sig.ReturnType}"));
        }
        return new References(types, members);
    }

    private static (TypeReferenceHandle Handle, string Name)? DeclaringType(MetadataReader md, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => ((TypeReferenceHandle)parent, FullName(md, (TypeReferenceHandle)parent)),
        HandleKind.TypeSpecification => GenericDefinition(md, (TypeSpecificationHandle)parent),
        _ => null,
    };

    /// <summary>The generic type a type specification instantiates (IBitmapLock`1 for IBitmapLock&lt;ColorBgra32&gt;).</summary>
    private static (TypeReferenceHandle, string)? GenericDefinition(MetadataReader md, TypeSpecificationHandle spec)
    {
        var blob = md.GetBlobReader(md.GetTypeSpecification(spec).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return null;
        blob.ReadSignatureTypeCode(); // class or value type
        var handle = blob.ReadTypeHandle();
        return handle.Kind == HandleKind.TypeReference ? ((TypeReferenceHandle)handle, FullName(md, (TypeReferenceHandle)handle)) : null;
    }

    private static bool IsPaintDotNet(MetadataReader md, TypeReferenceHandle handle) =>
        AssemblyOf(md, handle).StartsWith("PaintDotNet", StringComparison.Ordinal);

    /// <summary>The assembly a type reference binds to ("" for a nested or module-scoped reference).</summary>
    private static string AssemblyOf(MetadataReader md, TypeReferenceHandle handle)
    {
        var r = md.GetTypeReference(handle);
        return r.ResolutionScope.Kind == HandleKind.AssemblyReference
            ? md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)r.ResolutionScope).Name) : "";
    }

    private static string FullName(MetadataReader md, TypeReferenceHandle handle)
    {
        var r = md.GetTypeReference(handle);
        return md.GetString(r.Namespace) + "." + md.GetString(r.Name);
    }

    /// <summary>Signature types as the API list writes them: simple names, C# keywords, generics as &lt;...&gt;, !0 / !!0.</summary>
    private sealed class SimpleNames(MetadataReader md) : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode code) => code switch
        {
            PrimitiveTypeCode.Boolean => "bool", PrimitiveTypeCode.Byte => "byte", PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.Double => "double", PrimitiveTypeCode.Single => "float", PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Object => "object", PrimitiveTypeCode.Void => "void", PrimitiveTypeCode.Int64 => "long",
            _ => code.ToString(),
        };
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => Simple(md.GetString(md.GetTypeReference(handle).Name));
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Simple(md.GetString(md.GetTypeDefinition(handle).Name));
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) => "spec";
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => $"{genericType}<{string.Join(",", typeArguments)}>";
        public string GetGenericTypeParameter(object? context, int index) => $"!{index}";
        public string GetGenericMethodParameter(object? context, int index) => $"!!{index}";
        public string GetByReferenceType(string elementType) => "ref " + elementType;
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[,]";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";

        private static string Simple(string name) => name.Split('`')[0];
    }

    private static string SourceFolder() => Path.Combine(Repository.Root, "tests", "Plugins.Tests", "PaintDotNet");
}
