namespace RetouchPlugins.Tests.Support;

/// <summary>A write-only stream that fails like a full disk once more than <paramref name="failAfter"/> bytes are written.</summary>
internal sealed class FailingStream(Stream inner, long failAfter) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => inner.Position = value; }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => inner.SetLength(value);
    public override void Write(byte[] buffer, int offset, int count)
    {
        if (inner.Length + count > failAfter) throw new IOException("simulated: no space left on device");
        inner.Write(buffer, offset, count);
    }
}
