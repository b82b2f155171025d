using System.CommandLine;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>`--parsing-model FILE.onnx [--parsing-skin-classes 13,14,15,16,17]` for `retouch faces` (the effects declare them as parameters).</summary>
internal sealed class ParsingModelOptions
{
    private readonly EffectOptions _options = new(AnalysisParameters.All);

    public void AddTo(Command command) => _options.AddTo(command);

    /// <summary>The parsing options given, or null; a missing file or a bad class list is an ArgumentException/FileNotFoundException naming it.</summary>
    public ParsingOptions? Read(ParseResult parse) => AnalysisParameters.ReadParsing(_options.Read(parse, AnalysisParameters.All));
}
