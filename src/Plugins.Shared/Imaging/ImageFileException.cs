namespace RetouchPlugins.Shared.Imaging;

/// <summary>What went wrong with an image file, for callers that react differently (exit codes, UI).</summary>
public enum ImageFileProblem
{
    NotFound,
    Empty,
    /// <summary>Not an image, or a format this build cannot read or write.</summary>
    UnsupportedFormat,
    /// <summary>Truncated or damaged data.</summary>
    Corrupt,
    /// <summary>Over the pixel-count limit (decompression-bomb guard).</summary>
    TooManyPixels,
    /// <summary>Under the pixel limit, but the work it needs would not fit in the memory available (<c>Running.MemoryBudget</c>).</summary>
    NotEnoughMemory,
    /// <summary>The output could not be written.</summary>
    CannotWrite,
}

/// <summary>An image could not be read or written; the message names the file and the problem.</summary>
public sealed class ImageFileException : IOException
{
    public ImageFileException(string path, ImageFileProblem problem, string message, Exception? inner = null)
        : base($"{path}: {message}", inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public ImageFileProblem Problem { get; }
}
