namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>PackBits run-length coding, the "RLE" compression of PSD channel data (one row at a time).</summary>
internal static class PackBits
{
    public static void Encode(ReadOnlySpan<byte> row, Stream output)
    {
        int i = 0;
        while (i < row.Length)
        {
            int run = 1;
            while (i + run < row.Length && run < 128 && row[i + run] == row[i]) run++;
            if (run >= 2)
            {
                output.WriteByte((byte)(sbyte)(1 - run));
                output.WriteByte(row[i]);
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
            output.WriteByte((byte)(i - start - 1));
            output.Write(row.Slice(start, i - start));
        }
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
