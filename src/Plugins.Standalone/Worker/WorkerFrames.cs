using System.Buffers.Binary;
using System.Text;

namespace RetouchPlugins.Standalone.Worker;

/// <summary>What a frame between the command and the worker carries.</summary>
internal enum FrameKind : byte
{
    /// <summary>Command to worker: a <see cref="WorkerRequest"/> as JSON.</summary>
    Request = (byte)'R',
    /// <summary>Command to worker: stop the run (Ctrl+C).</summary>
    Cancel = (byte)'C',
    /// <summary>`worker status` to worker: answer with <see cref="Status"/>.</summary>
    StatusQuery = (byte)'Q',
    /// <summary>`worker stop` to worker: finish and exit.</summary>
    Stop = (byte)'S',
    /// <summary>Worker to command: text for standard output.</summary>
    Out = (byte)'O',
    /// <summary>Worker to command: text for standard error.</summary>
    Error = (byte)'E',
    /// <summary>Worker to command: the run's exit code; the last frame.</summary>
    Exit = (byte)'X',
    /// <summary>Worker to command: run it in your own process (the reason as text); the last frame.</summary>
    Local = (byte)'L',
    /// <summary>Worker to `worker status`: a <see cref="WorkerStatus"/> as JSON.</summary>
    Status = (byte)'T',
}

/// <summary>One frame: its kind, then its UTF-8 text's length (4 bytes, little-endian), then the text.</summary>
internal readonly record struct Frame(FrameKind Kind, string Text)
{
    /// <summary>No request or output is anywhere near this; a longer length means the other end is not ours.</summary>
    public const int MaxBytes = 16 << 20;

    public void WriteTo(Stream stream)
    {
        var body = Encoding.UTF8.GetBytes(Text);
        var buffer = new byte[5 + body.Length];
        buffer[0] = (byte)Kind;
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1), body.Length);
        body.CopyTo(buffer, 5);
        stream.Write(buffer);
        stream.Flush();
    }

    /// <summary>The next frame, or null when the other end closed the connection.</summary>
    public static Frame? ReadFrom(Stream stream)
    {
        var head = new byte[5];
        if (stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length) return null;
        int length = BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(1));
        if (length is < 0 or > MaxBytes) throw new InvalidDataException($"a worker frame of {length} bytes");
        var body = new byte[length];
        if (stream.ReadAtLeast(body, length, throwOnEndOfStream: false) < length) return null;
        return new Frame((FrameKind)head[0], Encoding.UTF8.GetString(body));
    }
}

/// <summary>
/// A command for the worker: its arguments, the folder relative paths are taken from, and what of the caller's
/// environment the run depends on (the worker runs it only where its own is the same).
/// </summary>
internal sealed record WorkerRequest(string[] Args, string WorkingDirectory, string? Plugins, string? Cpu, string? Trace,
    bool OutIsTerminal, bool ErrorIsTerminal, int Width);

/// <summary>What `retouch worker status` shows.</summary>
internal sealed record WorkerStatus(int ProcessId, string Build, DateTimeOffset Started, int Runs, bool Busy, double IdleSeconds,
    double IdleLimitSeconds, long WorkingSetBytes);
