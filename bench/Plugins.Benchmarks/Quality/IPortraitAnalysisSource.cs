using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>Where the bench gets faces and skin masks from (the generator paints into that skin; the methods read it).</summary>
public interface IPortraitAnalysisSource
{
    /// <summary>One line for the report: which detector, mesh and masks.</summary>
    string Description { get; }

    PortraitAnalysis Analyze(PlanarImage photo);
}
