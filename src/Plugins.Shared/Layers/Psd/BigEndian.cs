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

    public static void I64(this Stream s, long v)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, v);
        s.Write(b);
    }

    /// <summary>A section's or a layer channel's length: 8 bytes when <paramref name="wide"/> (PSB), else 4.</summary>
    public static void WriteLength(this Stream s, long v, bool wide)
    {
        if (wide) s.I64(v);
        else s.I32(checked((int)v));
    }

    /// <summary>Writes a length placeholder (8 bytes when <paramref name="wide"/>, else 4) and returns it for <see cref="EndLength"/>.</summary>
    public static LengthField BeginLength(this Stream s, bool wide = false)
    {
        var field = new LengthField(s.Position, wide);
        s.WriteLength(0, wide);
        return field;
    }

    /// <summary>Pads the section to a multiple of <paramref name="align"/> and fills in its length.</summary>
    public static void EndLength(this Stream s, LengthField field, int align = 1)
    {
        long start = field.At + (field.Wide ? 8 : 4);
        while ((s.Position - start) % align != 0) s.WriteByte(0);
        long end = s.Position;
        s.Position = field.At;
        s.WriteLength(end - start, field.Wide);
        s.Position = end;
    }
}

/// <summary>Where a length placeholder lies and how wide it is.</summary>
internal readonly record struct LengthField(long At, bool Wide);
