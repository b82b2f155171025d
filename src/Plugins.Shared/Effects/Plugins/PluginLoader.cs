using System.Reflection;

namespace RetouchPlugins.Shared.Effects.Plugins;

/// <summary>A plugin effect found and checked: its descriptor (read once), how to make it, and where it came from.</summary>
public sealed record PluginEffectType(EffectDescriptor Descriptor, Func<IPortraitEffect> Create, PluginOrigin Origin);

/// <summary>
/// Finds effect plugins in folders and loads each assembly in its own <see cref="PluginLoadContext"/>. A plugin is
/// <c>FOLDER/NAME.dll</c>, or <c>FOLDER/NAME/NAME.dll</c> with its dependencies beside it. Each file is first read as
/// metadata (a .NET assembly declaring this host's <see cref="EffectContract"/>), then loaded; every public concrete
/// <see cref="IPortraitEffect"/> with a public parameterless constructor is made once and its descriptor read and
/// checked. Anything that throws or fails a check becomes a <see cref="PluginProblem"/> naming the file, and that
/// file (or that one effect type) is skipped; nothing here throws for a bad plugin.
/// </summary>
public static class PluginLoader
{
    /// <summary>The contract assemblies a plugin shares with the host instead of bringing its own.</summary>
    private static readonly IReadOnlySet<string> Shared = new HashSet<string>(
        new[] { typeof(IPortraitEffect).Assembly, typeof(Shaders.PlanarImage).Assembly }.Select(a => a.GetName().Name!));

    public static (IReadOnlyList<PluginEffectType> Effects, IReadOnlyList<PluginProblem> Problems) Load(IEnumerable<string> folders)
    {
        var effects = new List<PluginEffectType>();
        var problems = new List<PluginProblem>();
        foreach (var file in Candidates(folders, problems))
        {
            if (PluginAssemblyCheck.Problem(file) is { } refused)
            {
                problems.Add(new PluginProblem(file, refused + "; skipped"));
                continue;
            }
            LoadFile(file, effects, problems);
        }
        return (effects, problems);
    }

    /// <summary>The plugin files of the folders, each once, in a stable order.</summary>
    private static IEnumerable<string> Candidates(IEnumerable<string> folders, List<PluginProblem> problems)
    {
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var folder in folders.Select(Path.GetFullPath).Distinct())
        {
            if (!Directory.Exists(folder))
            {
                problems.Add(new PluginProblem(folder, "plugin folder not found"));
                continue;
            }
            var files = Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal).ToList();
            foreach (var sub in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
            {
                var main = Path.Combine(sub, Path.GetFileName(sub) + ".dll");
                if (File.Exists(main)) files.Add(main);
                else problems.Add(new PluginProblem(sub, $"a plugin folder needs {Path.GetFileName(main)} inside it; skipped"));
            }
            foreach (var file in files)
                if (seen.Add(file)) yield return file;
        }
    }

    private static void LoadFile(string file, List<PluginEffectType> effects, List<PluginProblem> problems)
    {
        Type[] types;
        PluginOrigin origin;
        try
        {
            var context = new PluginLoadContext(file, Shared);
            var assembly = context.LoadFromAssemblyPath(file);
            var name = assembly.GetName();
            origin = new PluginOrigin(file, name.Name ?? Path.GetFileNameWithoutExtension(file), name.Version?.ToString() ?? "0.0.0.0");
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) // whatever loading a foreign assembly throws (bad image, missing dependency, type load) skips that file
        {
            problems.Add(new PluginProblem(file, $"could not be loaded: {Describe(e)}; skipped"));
            return;
        }
        var found = types.Where(t => typeof(IPortraitEffect).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }).ToList();
        if (found.Count == 0)
            problems.Add(new PluginProblem(file, $"declares no public class implementing {nameof(IPortraitEffect)}; skipped"));
        foreach (var type in found)
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                problems.Add(new PluginProblem(file, $"{type.FullName} has no public parameterless constructor; skipped"));
                continue;
            }
            if (Probe(type, origin, out var descriptor, out var problem)) effects.Add(new PluginEffectType(descriptor!, Factory(type, descriptor!, origin), origin));
            else problems.Add(new PluginProblem(file, $"{type.FullName}: {problem}; skipped"));
        }
    }

    /// <summary>Makes the effect once and reads its descriptor; false with the problem when either throws or the descriptor is unusable.</summary>
    private static bool Probe(Type type, PluginOrigin origin, out EffectDescriptor? descriptor, out string? problem)
    {
        descriptor = null;
        IPortraitEffect effect;
        try { effect = (IPortraitEffect)Activator.CreateInstance(type)!; }
        catch (Exception e) { problem = $"its constructor threw {Describe(e)}"; return false; }
        try { descriptor = effect.Descriptor; }
        catch (Exception e) { problem = $"its Descriptor threw {Describe(e)}"; return false; }
        problem = DescriptorCheck.Problem(descriptor);
        (effect as IDisposable)?.Dispose();
        return problem is null;
    }

    /// <summary>Each host run makes its own instance; a constructor that throws then is reported like a failed render.</summary>
    private static Func<IPortraitEffect> Factory(Type type, EffectDescriptor descriptor, PluginOrigin origin) => () =>
    {
        IPortraitEffect made;
        try { made = (IPortraitEffect)Activator.CreateInstance(type)!; }
        catch (Exception e) { throw new PluginFailureException(origin, descriptor.Id, "in its constructor", Unwrapped(e)); }
        return new PluginEffect(made, descriptor, origin);
    };

    private static Exception Unwrapped(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;

    private static string Describe(Exception e)
    {
        e = Unwrapped(e);
        if (e is ReflectionTypeLoadException load && load.LoaderExceptions.FirstOrDefault(x => x is not null) is { } first) e = first;
        return $"{e.GetType().Name}: {e.Message}";
    }
}
