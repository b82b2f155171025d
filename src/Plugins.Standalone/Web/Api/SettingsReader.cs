using System.Text.Json;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>
/// An effect's settings from a JSON object of parameter values, checked against its descriptor: an unknown name
/// or a value out of range is a 400 that names it. File parameters are refused: over HTTP the host reads no path
/// it was not given at launch.
/// </summary>
public static class SettingsReader
{
    public static EffectSettings Read(EffectDescriptor effect, IReadOnlyDictionary<string, JsonElement>? values)
    {
        var settings = effect.DefaultSettings();
        if (values is null) return settings;
        foreach (var (name, value) in values)
        {
            var p = effect.Parameter(name) ?? throw ApiException.BadRequest(
                $"'{name}' is not a parameter of the effect '{effect.Id}'; its parameters are {string.Join(", ", effect.Parameters.Select(x => x.Name))}");
            switch (p.Kind)
            {
                case ParameterKind.File:
                    throw ApiException.BadRequest($"'{p.Name}' names a file; file parameters cannot be given over HTTP (the host reads only the file it was opened on and uploads)");
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

    /// <summary>The settings as JSON-friendly values (numbers, booleans, text), for a render's description.</summary>
    public static IReadOnlyDictionary<string, object> Describe(EffectSettings settings)
    {
        var values = new Dictionary<string, object>();
        foreach (var p in settings.Parameters)
        {
            if (p.Kind == ParameterKind.Toggle) values[p.Name] = settings.GetBool(p);
            else if (p.IsNumeric) values[p.Name] = settings.Get(p);
            else if (settings.GetText(p) is { } text) values[p.Name] = text;
        }
        return values;
    }
}
