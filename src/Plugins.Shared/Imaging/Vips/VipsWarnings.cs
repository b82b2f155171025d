using System.Collections.Concurrent;
using NetVips;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// The last few warnings libvips logged. Some loaders report why a file is damaged only as a warning
/// (a PNG with a broken header leaves the error buffer empty), so an error without text takes its detail
/// from here. Process-wide like libvips' own error buffer: under concurrent failures a detail can come from
/// another file; it is only ever a detail, the file and the problem are always right.
/// </summary>
internal sealed class VipsWarnings
{
    private const int Kept = 8;
    private readonly ConcurrentQueue<string> _recent = new();

    /// <summary>Routes libvips' warnings here instead of stderr (they would garble the CLI's output).</summary>
    public void Capture() => Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, (_, _, message) => Add(message));

    /// <summary>The warnings since the last call, joined, or "" when there were none.</summary>
    public string Take()
    {
        var lines = new List<string>();
        while (_recent.TryDequeue(out var line)) lines.Add(line);
        return string.Join("; ", lines.Distinct());
    }

    private void Add(string? message)
    {
        if (string.IsNullOrWhiteSpace(message)) return;
        _recent.Enqueue(message.Trim());
        while (_recent.Count > Kept) _recent.TryDequeue(out _);
    }
}
