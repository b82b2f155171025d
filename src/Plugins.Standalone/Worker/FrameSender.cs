using System.Text;

namespace RetouchPlugins.Standalone.Worker;

/// <summary>
/// Frames onto one connection from several threads (a run's progress is drawn from a timer thread while the run writes
/// its summary). A connection the command has closed (Ctrl+C twice, killed) swallows what follows: the run is being
/// cancelled anyway.
/// </summary>
internal sealed class FrameSender(Stream stream)
{
    private readonly object _gate = new();
    private bool _broken;

    public void Send(FrameKind kind, string text)
    {
        lock (_gate)
        {
            if (_broken) return;
            try { new Frame(kind, text).WriteTo(stream); }
            catch (IOException) { _broken = true; }
            catch (ObjectDisposedException) { _broken = true; }
        }
    }
}

/// <summary>A TextWriter whose every write goes to the command as one <see cref="FrameKind.Out"/> or <see cref="FrameKind.Error"/> frame.</summary>
internal sealed class FrameWriter(FrameSender sender, FrameKind kind) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => sender.Send(kind, value.ToString());

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value)) sender.Send(kind, value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        if (count > 0) sender.Send(kind, new string(buffer, index, count));
    }

    public override void WriteLine(string? value) => Write(value + NewLine);
}
