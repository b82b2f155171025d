using System.CommandLine;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// Command-line options generated from effects' <see cref="EffectParameter"/> records: a number or integer
/// becomes `--name VALUE` (help shows the range and default), a toggle `--name` and `--no-name`, a file
/// `--name FILE`, text `--name TEXT`. The same records drive Paint.NET and the web UI, so nothing is declared
/// twice. Given several effects' parameters (batch), a name shared by two effects is one option.
/// </summary>
internal sealed class EffectOptions
{
    private readonly List<(EffectParameter Parameter, Option Value, Option<bool>? Off)> _options = [];

    public EffectOptions(IEnumerable<EffectParameter> parameters)
    {
        foreach (var p in parameters)
        {
            var same = _options.FirstOrDefault(o => o.Parameter.Name == p.Name);
            if (same.Parameter is not null)
            {
                if (same.Parameter.Kind != p.Kind)
                    throw new InvalidOperationException($"two effects declare parameter '{p.Name}' as {same.Parameter.Kind} and {p.Kind}; one option cannot be both");
                continue;
            }
            switch (p.Kind)
            {
                case ParameterKind.Toggle:
                    _options.Add((p, new Option<bool>("--" + p.Name) { Description = $"{p.Help} ({p.RangeText})" },
                        new Option<bool>("--no-" + p.Name) { Description = $"Turn '{p.Label}' off." }));
                    break;
                case ParameterKind.File:
                    _options.Add((p, new Option<FileInfo?>("--" + p.Name) { Description = p.Help, HelpName = "FILE" }, null));
                    break;
                case ParameterKind.Text:
                    _options.Add((p, new Option<string?>("--" + p.Name) { Description = p.Help, HelpName = "TEXT" }, null));
                    break;
                default:
                    _options.Add((p, new Option<double?>("--" + p.Name) { Description = $"{p.Help} ({p.RangeText})", HelpName = "VALUE" }, null));
                    break;
            }
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

    /// <summary>
    /// The values given on the command line for <paramref name="parameters"/> (others keep their defaults).
    /// Out-of-range values throw with the range; an option given that is not one of <paramref name="parameters"/>
    /// throws naming it and <paramref name="effect"/>.
    /// </summary>
    public EffectSettings Read(ParseResult parse, IReadOnlyList<EffectParameter> parameters, string? effect = null)
    {
        var settings = new EffectSettings(parameters);
        foreach (var (p, value, off) in _options)
        {
            bool known = settings.Has(p.Name);
            switch (p.Kind)
            {
                case ParameterKind.Toggle:
                    bool on = parse.GetValue((Option<bool>)value), no = parse.GetValue(off!);
                    if (!on && !no) continue;
                    if (on && no) throw new ArgumentException($"--{p.Name} and --no-{p.Name} contradict each other");
                    if (!known) throw NotOf(p, effect);
                    settings.Set(p.Name, on ? 1 : 0);
                    break;
                case ParameterKind.File:
                    if (parse.GetValue((Option<FileInfo?>)value) is not { } file) continue;
                    if (!known) throw NotOf(p, effect);
                    // A built-in name (a bundled style) passes as given; a file by its full path. (ToString is the path as typed.)
                    settings.SetText(p.Name, p.IsBuiltIn(file.ToString()) ? file.ToString() : file.FullName);
                    break;
                case ParameterKind.Text:
                    if (parse.GetValue((Option<string?>)value) is not { } text) continue;
                    if (!known) throw NotOf(p, effect);
                    settings.SetText(p.Name, text);
                    break;
                default:
                    if (parse.GetValue((Option<double?>)value) is not { } v) continue;
                    if (!known) throw NotOf(p, effect);
                    settings.Set(p.Name, v);
                    break;
            }
        }
        return settings;
    }

    private static ArgumentException NotOf(EffectParameter p, string? effect) =>
        new($"--{p.Name} is not an option of the effect '{effect}'");
}
