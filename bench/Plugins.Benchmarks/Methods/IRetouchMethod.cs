using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>
/// A retouching method under test. Methods that need skin masks take them from the shared analysis
/// (the same for every method, so the comparison is about the retouch, not the masks); G'MIC ignores it.
/// </summary>
public interface IRetouchMethod
{
    /// <summary>Short name used on the command line and in file names.</summary>
    string Name { get; }

    /// <summary>What the report calls it.</summary>
    string Label { get; }

    /// <summary>True when the method reads the portrait analysis (its time then adds to the render time).</summary>
    bool UsesAnalysis { get; }

    PlanarImage Render(PlanarImage input, PortraitAnalysis analysis);
}
