using System.Text.Json;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>
/// An effect's settings from a JSON object of parameter values, checked against its descriptor: an unknown name
/// or a value out of range is a 400 that names it. A file parameter takes the id of a file uploaded for its role
/// (POST /api/files); anything else, a path above all, is refused: over HTTP the host reads no path it was not
/// given at launch. The analysis-level parameters are refused too (the session's one analysis does not change).
/// </summary>
public static class SettingsReader
{
    public static EffectSettings Read(EffectDescriptor effect, IReadOnlyDictionary<string, JsonElement>? values, UploadStore uploads)
    {
        var settings = effect.DefaultSettings();
        if (values is null) return settings;
        foreach (var (name, value) in values)
        {
            var p = effect.Parameter(name) ?? throw ApiException.BadRequest(
                $"'{name}' is not a parameter of the effect '{effect.Id}'; its parameters are {string.Join(", ", effect.Parameters.Select(x => x.Name))}");
            if (AnalysisParameters.All.Any(a => a.Name == p.Name))
                throw ApiException.BadRequest($"'{p.Name}' changes the analysis, which a web session runs once for every effect; it cannot be given over HTTP (use the command line)");
            switch (p.Kind)
            {
                case ParameterKind.File:
                    settings.SetText(p.Name, UploadedPath(effect, p, value, uploads));
                    break;
                case ParameterKind.Text:
                    if (value.ValueKind != JsonValueKind.String) throw ApiException.BadRequest($"'{p.Name}' takes text");
                    settings.SetText(p.Name, value.GetString());
                    break;
                default:
                    double number = value.ValueKind switch
                    {
                        JsonValueKind.True => 1,
                        JsonValueKind.False => 0,
                        JsonValueKind.Number => value.GetDouble(),
                        _ => throw ApiException.BadRequest($"'{p.Name}' takes a {(p.Kind == ParameterKind.Toggle ? "true or false" : "number")}"),
                    };
                    if (double.IsNaN(number) || number < p.Min || number > p.Max)
                        throw ApiException.BadRequest($"'{p.Name}' of the effect '{effect.Id}' must be between {p.Min} and {p.Max}, not {number}");
                    settings.Set(p.Name, number);
                    break;
            }
        }
        return settings;
    }

    /// <summary>The uploaded file a file parameter names by id, or a 400: never a path, and only a file uploaded for this parameter's role.</summary>
    private static string UploadedPath(EffectDescriptor effect, EffectParameter p, JsonElement value, UploadStore uploads)
    {
        var role = FileEndpoints.RoleName(p.Role);
        var how = $"'{p.Name}' of the effect '{effect.Id}' takes the id of a file uploaded with POST /api/files?role={role}";
        if (value.ValueKind != JsonValueKind.String) throw ApiException.BadRequest(how);
        var id = value.GetString() ?? "";
        if (uploads.Find(id) is not { } file)
        {
            bool pathLike = id.IndexOfAny(['/', '\\', ':']) >= 0 || id.Contains("..", StringComparison.Ordinal);
            throw ApiException.BadRequest(pathLike
                ? $"{how}; '{id}' looks like a path, and the host never reads a path given over HTTP"
                : $"{how}; '{id}' is not one (never uploaded, removed, or replaced by newer uploads)");
        }
        if (file.Role != p.Role)
            throw ApiException.BadRequest($"{how}; '{id}' ({file.Name}) was uploaded as {FileEndpoints.RoleName(file.Role)}");
        return file.Path;
    }

    /// <summary>The settings as JSON-friendly values (numbers, booleans, text), for a render's description.</summary>
    public static IReadOnlyDictionary<string, object> Describe(EffectSettings settings)
    {
        var values = new Dictionary<string, object>();
        foreach (var p in settings.Parameters)
        {
            if (p.Kind == ParameterKind.Toggle) values[p.Name] = settings.GetBool(p);
            else if (p.IsNumeric) values[p.Name] = settings.Get(p);
            else if (p.Kind == ParameterKind.File) { if (settings.GetText(p) is { } path) values[p.Name] = Path.GetFileNameWithoutExtension(path); } // the id, never the path
            else if (settings.GetText(p) is { } text) values[p.Name] = text;
        }
        return values;
    }
}
