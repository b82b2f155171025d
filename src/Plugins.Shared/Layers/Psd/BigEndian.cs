using System.Buffers.Binary;
using System.Text;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>Big-endian primitives for PSD, written to a stream.</summary>
internal static class BigEndian
{
    public static void U8(this Stream s, int v) => s.WriteByte((byte)v);

    public static void U16(this Stream s, int v)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v);
        s.Write(b);
    }

    public static void I32(this Stream s, int v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        s.Write(b);
    }

    public static void Ascii(this Stream s, string text) => s.Write(Encoding.ASCII.GetBytes(text));

    /// <summary>Writes a 4-byte length placeholder and returns its position for <see cref="EndLength"/>.</summary>
    public static long BeginLength(this Stream s)
    {
        long at = s.Position;
        s.I32(0);
        return at;
    }

    /// <summary>Pads the section to a multiple of <paramref name="align"/> and fills in its length.</summary>
    public static void EndLength(this Stream s, long at, int align = 1)
    {
        while ((s.Position - at - 4) % align != 0) s.WriteByte(0);
        long end = s.Position;
        s.Position = at;
        s.I32(checked((int)(end - at - 4)));
        s.Position = end;
    }
}
