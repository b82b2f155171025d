using System.CommandLine;
using System.Globalization;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// Command-line options generated from an effect's <see cref="EffectParameter"/> records: a number or
/// integer becomes `--name VALUE` (help shows the range and default), a toggle becomes `--name` and
/// `--no-name`. The same records drive Paint.NET and the web UI, so nothing is declared twice.
/// </summary>
internal sealed class EffectOptions
{
    private readonly List<(EffectParameter Parameter, Option Value, Option<bool>? Off)> _options = [];

    public EffectOptions(IEnumerable<EffectParameter> parameters)
    {
        foreach (var p in parameters)
        {
            string range = string.Create(CultureInfo.InvariantCulture, $"{p.Min:0.##}..{p.Max:0.##}, default {p.Default:0.##}");
            if (p.Kind == ParameterKind.Toggle)
            {
                var on = new Option<bool>("--" + p.Name) { Description = $"{p.Help} (default {(p.Default != 0 ? "on" : "off")})" };
                var off = new Option<bool>("--no-" + p.Name) { Description = $"Turn '{p.Label}' off." };
                _options.Add((p, on, off));
            }
            else
                _options.Add((p, new Option<double?>("--" + p.Name) { Description = $"{p.Help} ({range})", HelpName = "VALUE" }, null));
        }
    }

    public void AddTo(Command command)
    {
        foreach (var (_, value, off) in _options)
        {
            command.Options.Add(value);
            if (off is not null) command.Options.Add(off);
        }
    }

    /// <summary>The values given on the command line (others keep their defaults); out-of-range values throw with the range.</summary>
    public EffectSettings Read(ParseResult parse, IReadOnlyList<EffectParameter> parameters)
    {
        var settings = new EffectSettings(parameters);
        foreach (var (p, value, off) in _options)
        {
            if (off is not null)
            {
                bool on = parse.GetValue((Option<bool>)value), no = parse.GetValue(off);
                if (on && no) throw new ArgumentException($"--{p.Name} and --no-{p.Name} contradict each other");
                if (on) settings.Set(p.Name, 1);
                if (no) settings.Set(p.Name, 0);
            }
            else if (parse.GetValue((Option<double?>)value) is { } v)
                settings.Set(p.Name, v);
        }
        return settings;
    }
}
