using System.Buffers.Binary;

namespace RetouchPlugins.NcnnConverter;

/// <summary>
/// An ncnn model decoded from its .param (text) and .bin files. The .bin holds, layer by layer in .param
/// order, what each layer loads: a Convolution its weights as a blob with a 4-byte flag (0: fp32;
/// 0x01306B47: fp16; 0x000D4B38: int8) padded to 4 bytes, then its bias as raw fp32 when 5=1; a PReLU its
/// slopes as raw fp32. Only the layer types the Real-ESRGAN models use are accepted.
/// </summary>
public sealed class NcnnModel
{
    public const int Magic = 7767517;
    private const uint Fp16Flag = 0x01306B47, Int8Flag = 0x000D4B38;

    /// <summary>Layer types this decoder (and the converter) understands.</summary>
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>
        { "Input", "Split", "Convolution", "PReLU", "PixelShuffle", "Interp", "BinaryOp", "Eltwise", "Concat" };

    private NcnnModel(IReadOnlyList<NcnnLayer> layers) => Layers = layers;

    public IReadOnlyList<NcnnLayer> Layers { get; }

    /// <summary>Number of weights (convolution weights and biases, PReLU slopes).</summary>
    public long ParameterCount => Layers.Sum(l => (long)(l.Weights?.Length ?? 0) + (l.Bias?.Length ?? 0));

    public static NcnnModel Load(string paramPath, string binPath)
    {
        var lines = File.ReadAllLines(paramPath).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length < 2 || lines[0].Trim() != Magic.ToString())
            throw new InvalidDataException($"{paramPath}: not an ncnn .param file (the first line must be the magic {Magic})");
        var counts = lines[1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (counts.Length != 2 || !int.TryParse(counts[0], out int layerCount) || layerCount != lines.Length - 2)
            throw new InvalidDataException($"{paramPath}: the header says '{lines[1]}' but the file has {lines.Length - 2} layer lines");

        var layers = new List<NcnnLayer>(layerCount);
        for (int i = 2; i < lines.Length; i++)
        {
            var layer = NcnnLayer.Parse(lines[i], $"{paramPath}:{i + 1}");
            if (!KnownTypes.Contains(layer.Type))
                throw new NotSupportedException($"{paramPath}:{i + 1}: ncnn layer type {layer.Type} ({layer.Name}) is not supported by this converter");
            layers.Add(layer);
        }

        byte[] bin = File.ReadAllBytes(binPath);
        int offset = 0;
        foreach (var layer in layers)
        {
            string where = $"{binPath}: layer {layer.Name}";
            switch (layer.Type)
            {
                case "Convolution":
                    layer.Weights = ReadFlagged(bin, ref offset, layer.Int(6, 0), where);
                    if (layer.Int(5, 0) != 0) layer.Bias = ReadRaw(bin, ref offset, layer.Int(0, 0), where);
                    break;
                case "PReLU":
                    layer.Weights = ReadRaw(bin, ref offset, layer.Int(0, 0), where);
                    break;
            }
        }
        if (offset != bin.Length)
            throw new InvalidDataException($"{binPath}: the layers of {Path.GetFileName(paramPath)} read {offset} bytes, the file has {bin.Length}");
        return new NcnnModel(layers);
    }

    /// <summary>A blob with its 4-byte type flag; fp16 and int8 data are padded to a multiple of 4 bytes.</summary>
    private static float[] ReadFlagged(byte[] bin, ref int offset, int count, string where)
    {
        Need(bin, offset, 4, where);
        uint flag = BinaryPrimitives.ReadUInt32LittleEndian(bin.AsSpan(offset));
        offset += 4;
        switch (flag)
        {
            case 0:
                return ReadRaw(bin, ref offset, count, where);
            case Fp16Flag:
            {
                Need(bin, offset, count * 2, where);
                var values = new float[count];
                for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bin.AsSpan(offset + 2 * i));
                offset += (count * 2 + 3) & ~3;
                return values;
            }
            case Int8Flag:
                throw new NotSupportedException($"{where}: int8 weights are not supported (convert an fp16 or fp32 model)");
            default:
                throw new NotSupportedException($"{where}: weight flag 0x{flag:X8} (a quantisation table) is not supported");
        }
    }

    private static float[] ReadRaw(byte[] bin, ref int offset, int count, string where)
    {
        Need(bin, offset, count * 4, where);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bin.AsSpan(offset + 4 * i));
        offset += count * 4;
        return values;
    }

    private static void Need(byte[] bin, int offset, int bytes, string where)
    {
        if (bytes < 0 || offset + bytes > bin.Length)
            throw new InvalidDataException($"{where}: needs {bytes} bytes at offset {offset}, the file ends at {bin.Length}");
    }
}
