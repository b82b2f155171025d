using System.Globalization;

namespace RetouchPlugins.NcnnConverter;

/// <summary>
/// One line of an ncnn .param file: `type name nin nout in... out... k=v ...`. A key −23300−k holds an array
/// for parameter k, written "count,v1,v2,...". Weights (from the .bin) are filled in by <see cref="NcnnModel"/>.
/// </summary>
public sealed class NcnnLayer
{
    private readonly Dictionary<int, string> _values;
    private readonly Dictionary<int, float[]> _arrays;

    private NcnnLayer(string type, string name, string[] inputs, string[] outputs, Dictionary<int, string> values, Dictionary<int, float[]> arrays)
    {
        Type = type; Name = name; Inputs = inputs; Outputs = outputs; _values = values; _arrays = arrays;
    }

    public string Type { get; }
    public string Name { get; }
    public string[] Inputs { get; }
    public string[] Outputs { get; }

    /// <summary>Convolution weights (OIHW, fp16 in the file, widened) or PReLU slopes.</summary>
    public float[]? Weights { get; internal set; }

    /// <summary>Convolution bias (fp32 in the file).</summary>
    public float[]? Bias { get; internal set; }

    public int Int(int key, int fallback) =>
        _values.TryGetValue(key, out var v) ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public float Float(int key, float fallback) =>
        _values.TryGetValue(key, out var v) ? float.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

    public float[] Array(int key) => _arrays.TryGetValue(key, out var a) ? a : [];

    /// <summary>Parses one layer line; <paramref name="where"/> names the file and line for errors.</summary>
    public static NcnnLayer Parse(string line, string where)
    {
        var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 4 || !int.TryParse(f[2], out int nin) || !int.TryParse(f[3], out int nout) || f.Length < 4 + nin + nout)
            throw new InvalidDataException($"{where}: not an ncnn layer line: '{line}'");
        var values = new Dictionary<int, string>();
        var arrays = new Dictionary<int, float[]>();
        foreach (var kv in f.Skip(4 + nin + nout))
        {
            int eq = kv.IndexOf('=');
            if (eq <= 0 || !int.TryParse(kv[..eq], NumberStyles.Integer, CultureInfo.InvariantCulture, out int key))
                throw new InvalidDataException($"{where}: bad parameter '{kv}' in layer {f[1]}");
            string value = kv[(eq + 1)..];
            if (key <= -23300)
            {
                var parts = value.Split(',');
                int count = int.Parse(parts[0], CultureInfo.InvariantCulture);
                if (parts.Length != count + 1) throw new InvalidDataException($"{where}: array parameter '{kv}' of layer {f[1]} says {count} values, has {parts.Length - 1}");
                arrays[-23300 - key] = parts.Skip(1).Select(p => float.Parse(p, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            }
            else values[key] = value;
        }
        return new NcnnLayer(f[0], f[1], f[4..(4 + nin)], f[(4 + nin)..(4 + nin + nout)], values, arrays);
    }

    public override string ToString() => $"{Type} {Name}";
}
