namespace RetouchPlugins.Shared.Effects;

public enum ParameterKind { Number, Integer, Toggle }

/// <summary>
/// One user-facing parameter. The same record drives the CLI options, the Paint.NET property UI
/// and the web UI, so name, default, range and help live in exactly one place.
/// </summary>
public sealed record EffectParameter(
    string Name, string Label, ParameterKind Kind, double Default, double Min, double Max, string Help)
{
    public double Clamp(double value) => Kind switch
    {
        ParameterKind.Toggle => value != 0 ? 1 : 0,
        ParameterKind.Integer => Math.Round(Math.Clamp(value, Min, Max)),
        _ => Math.Clamp(value, Min, Max),
    };
}

/// <summary>Parameter values by name; a missing value takes the parameter's default.</summary>
public sealed class EffectSettings
{
    private readonly IReadOnlyList<EffectParameter> _parameters;
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);

    public EffectSettings(IReadOnlyList<EffectParameter> parameters) => _parameters = parameters;

    public IReadOnlyList<EffectParameter> Parameters => _parameters;

    public EffectSettings Set(string name, double value)
    {
        var p = _parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown parameter '{name}'; known: {string.Join(", ", _parameters.Select(x => x.Name))}");
        if (double.IsNaN(value) || value < p.Min || value > p.Max)
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be between {p.Min} and {p.Max}");
        _values[p.Name] = p.Clamp(value);
        return this;
    }

    public double Get(string name)
    {
        var p = _parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"unknown parameter '{name}'");
        return _values.TryGetValue(p.Name, out var v) ? v : p.Default;
    }

    public float GetFloat(string name) => (float)Get(name);
    public bool GetBool(string name) => Get(name) != 0;
}
