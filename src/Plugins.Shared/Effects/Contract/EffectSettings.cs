namespace RetouchPlugins.Shared.Effects;

/// <summary>Parameter values by name; a missing value takes the parameter's default (files and text: not given).</summary>
public sealed class EffectSettings
{
    private readonly IReadOnlyList<EffectParameter> _parameters;
    private readonly Dictionary<string, double> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _texts = new(StringComparer.OrdinalIgnoreCase);

    public EffectSettings(IReadOnlyList<EffectParameter> parameters) => _parameters = parameters;

    public IReadOnlyList<EffectParameter> Parameters => _parameters;

    public EffectSettings Set(string name, double value)
    {
        var p = Find(name);
        if (!p.IsNumeric) throw new ArgumentException($"'{p.Name}' takes a {(p.Kind == ParameterKind.File ? "file" : "text")}, not a number");
        if (double.IsNaN(value) || value < p.Min || value > p.Max)
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be between {p.Min} and {p.Max}");
        _values[p.Name] = p.Clamp(value);
        return this;
    }

    /// <summary>Sets a file or text parameter; null or empty clears it.</summary>
    public EffectSettings SetText(string name, string? value)
    {
        var p = Find(name);
        if (p.IsNumeric) throw new ArgumentException($"'{p.Name}' takes a number, not text");
        if (string.IsNullOrEmpty(value)) _texts.Remove(p.Name);
        else _texts[p.Name] = value;
        return this;
    }

    public double Get(string name)
    {
        var p = Find(name);
        return _values.TryGetValue(p.Name, out var v) ? v : p.Default;
    }

    public float GetFloat(string name) => (float)Get(name);
    public bool GetBool(string name) => Get(name) != 0;

    public double Get(EffectParameter parameter) => Get(parameter.Name);
    public float GetFloat(EffectParameter parameter) => GetFloat(parameter.Name);
    public bool GetBool(EffectParameter parameter) => GetBool(parameter.Name);
    public string? GetText(EffectParameter parameter) => GetText(parameter.Name);
    public EffectSettings Set(EffectParameter parameter, double value) => Set(parameter.Name, value);

    /// <summary>The file path or text given for <paramref name="name"/>, or null.</summary>
    public string? GetText(string name)
    {
        var p = Find(name);
        return _texts.TryGetValue(p.Name, out var v) ? v : null;
    }

    public bool Has(string name) => _parameters.Any(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>These settings' values for the parameters <paramref name="parameters"/> knows (a value not set here is this side's default, which may differ from the other side's).</summary>
    public EffectSettings For(IReadOnlyList<EffectParameter> parameters)
    {
        var s = new EffectSettings(parameters);
        foreach (var p in parameters)
        {
            if (!Has(p.Name)) continue;
            if (p.IsNumeric) s.Set(p.Name, Get(p.Name));
            else s.SetText(p.Name, GetText(p.Name));
        }
        return s;
    }

    private EffectParameter Find(string name) =>
        _parameters.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown parameter '{name}'; known: {string.Join(", ", _parameters.Select(x => x.Name))}");
}
