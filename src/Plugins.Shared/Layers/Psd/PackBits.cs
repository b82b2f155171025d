namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>PackBits run-length coding, the "RLE" compression of PSD channel data (one row at a time).</summary>
internal static class PackBits
{
    /// <summary>The most bytes <see cref="Encode"/> writes for a row of <paramref name="length"/> bytes (all literals).</summary>
    public static int MaxPackedLength(int length) => length + (length + 127) / 128;

    /// <summary>Packs one row into <paramref name="output"/> (at least <see cref="MaxPackedLength"/> long); returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> row, Span<byte> output)
    {
        int i = 0, o = 0;
        while (i < row.Length)
        {
            int run = 1;
            while (i + run < row.Length && run < 128 && row[i + run] == row[i]) run++;
            if (run >= 2)
            {
                output[o++] = (byte)(sbyte)(1 - run);
                output[o++] = row[i];
                i += run;
                continue;
            }
            // Literal span: up to the next run of three equal bytes (shorter runs are cheaper as literals).
            int start = i;
            while (i < row.Length && i - start < 128)
            {
                if (i + 2 < row.Length && row[i] == row[i + 1] && row[i] == row[i + 2]) break;
                i++;
            }
            output[o++] = (byte)(i - start - 1);
            row.Slice(start, i - start).CopyTo(output[o..]);
            o += i - start;
        }
        return o;
    }

    /// <summary>Decodes one packed row into <paramref name="output"/>, which it must fill exactly.</summary>
    public static void Decode(ReadOnlySpan<byte> packed, Span<byte> output)
    {
        int i = 0, o = 0;
        while (o < output.Length)
        {
            if (i >= packed.Length) throw new InvalidDataException("RLE row ends early");
            int n = (sbyte)packed[i++];
            if (n >= 0)
            {
                int count = n + 1;
                if (i + count > packed.Length || o + count > output.Length) throw new InvalidDataException("RLE literal overruns the row");
                packed.Slice(i, count).CopyTo(output.Slice(o));
                i += count; o += count;
            }
            else if (n > -128)
            {
                int count = 1 - n;
                if (i >= packed.Length || o + count > output.Length) throw new InvalidDataException("RLE run overruns the row");
                output.Slice(o, count).Fill(packed[i++]);
                o += count;
            }
        }
    }
}
