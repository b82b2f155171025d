using System.Text.RegularExpressions;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// Paint.NET 5.1.9's published API for the members the plugin uses: paintdotnet-api.txt, extracted from the
/// apidocs pages by tools/PaintDotNetApi/extract-api.mjs ("assembly TAB namespace.Type TAB declaration").
/// Each declaration is reduced to the keys a compiled member reference has: "get_Bounds():RectInt32",
/// ".ctor(string,string,BitmapEffectOptions)", "LockBgra32(IBitmapEffectOutput):IBitmapLock<ColorBgra32>";
/// type generic parameters become !0, !1, method ones !!0 (as in metadata).
/// </summary>
internal sealed class PaintDotNetApi
{
    // Paint.NET declares some static classes under one name in several assemblies (PaintDotNet.Imaging.ImagingFactoryExtensions
    // in Framework, Windows.Core and Windows.Framework); docfx merges them into one type page naming one assembly, while each
    // member's page names the assembly that declares it. So a type is known in every assembly a type or member line names.
    private readonly Dictionary<string, HashSet<string>> _typeAssemblies = new(StringComparer.Ordinal);
    private readonly HashSet<(string Assembly, string Type, string Key)> _members = [];

    public PaintDotNetApi(string path)
    {
        var typeParameters = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var lines = File.ReadAllLines(path).Select(l => l.Split('\t')).Where(p => p.Length == 3).ToArray();
        foreach (var (assembly, type, declaration) in lines.Select(p => (p[0], p[1], p[2])))
        {
            if (!IsTypeDeclaration(declaration)) continue;
            AddAssembly(type, assembly);
            var m = Regex.Match(declaration, @"\b(?:class|interface|struct|record|enum)\s+\w+<([^>]*)>");
            typeParameters[type] = m.Success ? m.Groups[1].Value.Split(',').Select(s => s.Trim()).ToArray() : [];
        }
        foreach (var (assembly, type, declaration) in lines.Select(p => (p[0], p[1], p[2])))
        {
            if (IsTypeDeclaration(declaration)) continue;
            if (!typeParameters.TryGetValue(type, out var parameters)) throw new InvalidDataException($"{path}: {type} member without its type's line");
            AddAssembly(type, assembly);
            foreach (var key in Keys(declaration, type, parameters)) _members.Add((assembly, type, key));
        }
    }

    /// <summary>The assemblies Paint.NET declares <paramref name="type"/> (namespace.Name, `n for generics) in; empty if none.</summary>
    public IReadOnlyCollection<string> AssembliesOf(string type) => _typeAssemblies.TryGetValue(type, out var set) ? set : [];

    /// <summary>Whether Paint.NET declares the member <paramref name="key"/> on <paramref name="type"/> in <paramref name="assembly"/>.</summary>
    public bool Has(string assembly, string type, string key) => _members.Contains((assembly, type, key));

    /// <summary>Whether Paint.NET declares the member on <paramref name="type"/> in any assembly.</summary>
    public bool Has(string type, string key) => _members.Any(m => m.Type == type && m.Key == key);

    public IEnumerable<string> KeysOf(string type) => _members.Where(m => m.Type == type).Select(m => $"{m.Key} [{m.Assembly}]");

    private static bool IsTypeDeclaration(string declaration) => Regex.IsMatch(declaration, @"\b(class|interface|struct|record|enum)\b");

    private void AddAssembly(string type, string assembly)
    {
        if (!_typeAssemblies.TryGetValue(type, out var set)) _typeAssemblies[type] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(assembly);
    }

    private static IEnumerable<string> Keys(string declaration, string type, string[] typeParameters)
    {
        string d = Regex.Replace(declaration, @"^(\[[^\]]*\]\s*)+", "");                // leading attributes
        d = Regex.Replace(d, @"\s+where\s+.*$", "");                                       // constraints
        d = Regex.Replace(d, @"\b(public|protected|internal|static|abstract|virtual|override|sealed|new|extern)\s+", "");
        d = Regex.Replace(d, @"^readonly\s+", "");
        string simpleType = type.Split('.').Last().Split('`')[0];
        string Norm(string t, string[] methodParameters, bool parameter = false)
        {
            t = t.Replace("?", "").Replace("this ", "").Trim();
            if (parameter) t = Regex.Replace(t, @"\s+\w+$", "");                             // the parameter's name
            for (int i = 0; i < typeParameters.Length; i++) t = Regex.Replace(t, $@"\b{typeParameters[i]}\b", $"!{i}");
            for (int i = 0; i < methodParameters.Length; i++) t = Regex.Replace(t, $@"\b{methodParameters[i]}\b", $"!!{i}");
            return Regex.Replace(t, @"\s+", " ").Replace(", ", ",");
        }
        string Params(string list, string[] mp) => string.Join(",", SplitTopLevel(list).Where(p => p.Length > 0).Select(p => Norm(p, mp, parameter: true)));

        var property = Regex.Match(d, @"^(?<type>.+?)\s+(?<name>this\[(?<index>[^\]]*)\]|\w+)\s*\{(?<acc>[^}]*)\}$");
        if (property.Success)
        {
            string t = Norm(property.Groups["type"].Value, []);
            bool indexer = property.Groups["index"].Success;
            string name = indexer ? "Item" : property.Groups["name"].Value;
            string index = indexer ? Params(property.Groups["index"].Value, []) : "";
            if (Regex.IsMatch(property.Groups["acc"].Value, @"\bget\b")) yield return $"get_{name}({index}):{t}";
            if (Regex.IsMatch(property.Groups["acc"].Value, @"\bset\b")) yield return $"set_{name}({(index.Length > 0 ? index + "," : "")}{t}):void";
            yield break;
        }
        var method = Regex.Match(d, @"^(?:(?<ret>.+?)\s+)?(?<name>\w+)(?:<(?<mp>[^>]*)>)?\((?<params>.*)\)$");
        if (!method.Success) yield break;
        var mps = method.Groups["mp"].Success ? method.Groups["mp"].Value.Split(',').Select(s => s.Trim()).ToArray() : [];
        bool ctor = !method.Groups["ret"].Success && method.Groups["name"].Value == simpleType;
        yield return ctor
            ? $".ctor({Params(method.Groups["params"].Value, mps)}):void"
            : $"{method.Groups["name"].Value}({Params(method.Groups["params"].Value, mps)}):{Norm(method.Groups["ret"].Value, mps)}";
    }

    private static IEnumerable<string> SplitTopLevel(string list)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is '<' or '(' or '[') depth++;
            else if (list[i] is '>' or ')' or ']') depth--;
            else if (list[i] == ',' && depth == 0) { yield return list[start..i].Trim(); start = i + 1; }
        }
        yield return list[start..].Trim();
    }
}
