namespace RetouchPlugins.Shared.Layers;

/// <summary>A layered file that cannot be read: the message names the file and what is wrong with it.</summary>
public sealed class LayerFileException : InvalidDataException
{
    public LayerFileException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
        Problem = problem;
    }

    /// <summary>The file (or stream name) that was being read.</summary>
    public new string Source { get; }
    public string Problem { get; }
}
