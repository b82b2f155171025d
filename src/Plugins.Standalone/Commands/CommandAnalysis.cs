using RetouchPlugins.Shared.Analysis;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// The models' analysis for the commands that see each photo once (an effect command, a batch). It keeps no
/// analysis for a photo seen again: in a batch, kept analyses piled up behind the photos still being worked on,
/// each holding its masks and, through the masks not yet carried up, its photo (about 0.6 GB at 24 MP; a batch of
/// 24 MP close-ups peaked at 3.2 GB with one job instead of 1.9 GB).
/// </summary>
internal static class CommandAnalysis
{
    public static PortraitAnalysisProvider Open(bool forceCpu) => new(forceCpu: forceCpu, cachedAnalyses: 0);
}
