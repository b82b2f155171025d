using System.CommandLine;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>`--parsing-model FILE.onnx [--parsing-skin-classes 13,14,15,16,17]`, shared by the commands that analyze faces.</summary>
internal sealed class ParsingModelOptions
{
    private readonly Option<FileInfo?> _model = new("--parsing-model")
    {
        Description = "ONNX human-parsing model (LIP/ATR contract, see docs/faces.md) that decides body skin instead of the colour model; needs --body to change the retouch.",
    };

    private readonly Option<string?> _classes = new("--parsing-skin-classes")
    {
        Description = "The parsing model's class indices that are bare skin (default: LIP's 13,14,15,16,17 = face, arms, legs).",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_model);
        command.Options.Add(_classes);
    }

    /// <summary>The parsing options given, or null; a missing file or a bad class list is an ArgumentException/FileNotFoundException naming it.</summary>
    public ParsingOptions? Read(ParseResult parse)
    {
        var model = parse.GetValue(_model);
        var classes = parse.GetValue(_classes);
        if (model is null)
        {
            if (classes is not null) throw new ArgumentException("--parsing-skin-classes needs --parsing-model");
            return null;
        }
        if (!model.Exists) throw new FileNotFoundException($"{model.FullName}: human-parsing model not found", model.FullName);
        return classes is null ? new ParsingOptions(model.FullName) : new ParsingOptions(model.FullName, ParsingOptions.ParseClasses(classes));
    }
}
