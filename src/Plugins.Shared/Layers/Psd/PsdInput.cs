using System.Buffers.Binary;
using System.Text;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Big-endian reads from a seekable stream at a position of its own, with the error a damaged PSD gets. Documents are
/// read in place, not copied into memory whole: a PSB may be several gigabytes, more than one array holds.
/// </summary>
internal sealed class PsdInput(Stream stream, string source)
{
    private readonly byte[] _scratch = new byte[8];

    public long Position { get; set; }
    public long Length { get; } = stream.Length;

    /// <summary>Throws the truncation error unless <paramref name="n"/> bytes lie at the position.</summary>
    public void Need(long n)
    {
        if (n < 0 || Position + n > Length) throw new LayerFileException(source, $"PSD is truncated (needs {n} bytes at offset {Position}, file has {Length})");
    }

    public void Skip(long n) { Need(n); Position += n; }
    public int U8() => Take(1)[0];
    public int U16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));
    public int I32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));
    public long I64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));
    public string Ascii4() => Encoding.ASCII.GetString(Take(4));

    /// <summary><paramref name="n"/> bytes from the position on (a channel's data, a section), which must fit one array.</summary>
    public byte[] Bytes(long n)
    {
        Need(n);
        if (n > Array.MaxLength) throw new InvalidDataException($"a block of {n} bytes at offset {Position} is more than this reader holds at once");
        var bytes = new byte[n];
        Fill(bytes);
        return bytes;
    }

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="at"/> to <paramref name="output"/> as they are, a megabyte at a time.</summary>
    public void CopyTo(Stream output, long at, long length)
    {
        Position = at;
        Need(length);
        var buffer = new byte[(int)Math.Min(length, 1 << 20)];
        for (long left = length; left > 0; )
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(left, buffer.Length));
            Fill(chunk);
            output.Write(chunk);
            left -= chunk.Length;
        }
    }

    private ReadOnlySpan<byte> Take(int n)
    {
        Need(n);
        var span = _scratch.AsSpan(0, n);
        Fill(span);
        return span;
    }

    private void Fill(Span<byte> into)
    {
        if (stream.Position != Position) stream.Position = Position;
        stream.ReadExactly(into);
        Position += into.Length;
    }
}
