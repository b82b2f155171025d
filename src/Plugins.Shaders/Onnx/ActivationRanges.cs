using System.Globalization;
using System.Text;

namespace RetouchPlugins.Shaders.Onnx;

/// <summary>
/// What <see cref="QdqQuantizer"/> needs besides the model: each activation's calibrated range (the smallest and
/// largest value seen over the calibration photos) and the convolutions that stay in float. Kept as a small text file
/// beside the model pins (models/u2netp-int8.calibration), so the quantized model is rebuilt from the pinned float
/// model without running a network at build time:
/// <code>
/// # comment
/// float Conv_787
/// range input.1 -2.1179 2.64
/// </code>
/// </summary>
public sealed class ActivationRanges
{
    private readonly Dictionary<string, (float Min, float Max)> _ranges = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _floatConvolutions = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, (float Min, float Max)> Ranges => _ranges;

    /// <summary>Convolutions (node names) left in float: those whose int8 weights move the output too far.</summary>
    public IReadOnlySet<string> FloatConvolutions => _floatConvolutions;

    public void KeepFloat(string convolution) => _floatConvolutions.Add(convolution);

    /// <summary>Widens <paramref name="tensor"/>'s range to cover <paramref name="values"/>.</summary>
    public void Include(string tensor, ReadOnlySpan<float> values)
    {
        if (values.IsEmpty) return;
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (float v in values)
        {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        _ranges[tensor] = _ranges.TryGetValue(tensor, out var r) ? (Math.Min(r.Min, lo), Math.Max(r.Max, hi)) : (lo, hi);
    }

    public (float Min, float Max) RangeOf(string tensor) => _ranges.TryGetValue(tensor, out var r) ? r
        : throw new InvalidDataException($"no calibrated range for activation '{tensor}'");

    public string Format(string header)
    {
        var text = new StringBuilder();
        foreach (var line in header.Split('\n')) text.Append("# ").AppendLine(line.TrimEnd());
        foreach (var conv in _floatConvolutions) text.Append("float ").AppendLine(conv);
        foreach (var (name, (lo, hi)) in _ranges.OrderBy(r => r.Key, StringComparer.Ordinal))
            text.Append("range ").Append(name).Append(' ').Append(lo.ToString("R", CultureInfo.InvariantCulture))
                .Append(' ').AppendLine(hi.ToString("R", CultureInfo.InvariantCulture));
        return text.ToString();
    }

    /// <summary>Reads the text form; <paramref name="source"/> names the file in errors.</summary>
    public static ActivationRanges Parse(string text, string source)
    {
        var ranges = new ActivationRanges();
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["float", var conv]) ranges.KeepFloat(conv);
            else if (parts is ["range", var name, var lo, var hi]
                && float.TryParse(lo, NumberStyles.Float, CultureInfo.InvariantCulture, out float min)
                && float.TryParse(hi, NumberStyles.Float, CultureInfo.InvariantCulture, out float max) && min <= max)
                ranges._ranges[name] = (min, max);
            else throw new InvalidDataException($"{source}: line {number}: expected 'float NODE' or 'range TENSOR MIN MAX', got '{line}'");
        }
        return ranges;
    }
}
