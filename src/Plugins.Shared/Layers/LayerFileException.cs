namespace RetouchPlugins.Shared.Layers;

/// <summary>A layered file that cannot be read: the message names the file and what is wrong with it.</summary>
public sealed class LayerFileException : IOException
{
    public LayerFileException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file (or stream name) that was being read.</summary>
    public string FilePath { get; }
    public string Problem { get; }
}
