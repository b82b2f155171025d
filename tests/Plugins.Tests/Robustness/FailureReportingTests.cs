using System.CommandLine;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.IO;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Batch;
using RetouchPlugins.Tests.Effects;
using RetouchPlugins.Tests.Support;
using Spectre.Console;

namespace RetouchPlugins.Tests.Robustness;

/// <summary>
/// Every failure reads the same way (issue 21): "error: FILE: problem" on the error stream, plain when piped,
/// the documented exit code, no stack trace, and bad outputs or settings found before any photo is processed.
/// </summary>
public sealed class FailureReportingTests : IDisposable
{
    private readonly BatchTestFiles _files = new();
    private readonly StringWriter _out = new(), _err = new();
    private readonly IAnsiConsole _console, _errors;

    public FailureReportingTests()
    {
        _console = Terminal.For(_out, redirected: true);
        _errors = Terminal.For(_err, redirected: true);
    }

    public void Dispose() => _files.Dispose();

    /// <summary>An analysis provider that records whether any photo got as far as analysis.</summary>
    private sealed class Witness
    {
        public int Analysed;
        public IAnalysisProvider Provider => new DelegateAnalysisProvider((image, _) =>
        {
            Interlocked.Increment(ref Analysed);
            return BatchTestFiles.FaceCropAnalysis(image);
        });
    }

    private string InputFolder()
    {
        var input = _files.Folder("in");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", BatchTestFiles.CropX, BatchTestFiles.CropY, BatchTestFiles.CropSize, BatchTestFiles.CropSize, Path.Combine(input, "a.jpg"));
        BatchTestFiles.SaveSampleCrop("sample1.jpg", BatchTestFiles.CropX, BatchTestFiles.CropY, BatchTestFiles.CropSize, BatchTestFiles.CropSize, Path.Combine(input, "b.jpg"));
        return input;
    }

    private int Batch(Witness witness, params string[] args) =>
        new RootCommand { BatchCommand.Create(_console, witness.Provider, errors: _errors) }.Parse(["batch", .. args]).Invoke();

    [Fact]
    public void Batch_into_an_output_that_is_a_file_exits_2_before_any_photo()
    {
        var input = InputFolder();
        var output = Path.Combine(_files.Root, "results");
        File.WriteAllText(output, "a file where the results folder should be");
        var witness = new Witness();

        Assert.Equal(RunExit.BadArguments, Batch(witness, input, "-o", output));

        Assert.Equal(0, witness.Analysed);
        Assert.Equal($"error: {output}: is a file, not a folder; give a folder for the results", _err.ToString().Trim());
        Assert.DoesNotContain("   at ", _err.ToString() + _out.ToString());
    }

    [Fact]
    public void Batch_into_a_folder_that_cannot_be_created_exits_2_before_any_photo()
    {
        var input = InputFolder();
        var output = DamagedFiles.UnwritableFolder();
        var witness = new Witness();

        Assert.Equal(RunExit.BadArguments, Batch(witness, input, "-o", output));

        Assert.Equal(0, witness.Analysed);
        Assert.StartsWith($"error: {output}: cannot create the folder (", _err.ToString());
        Assert.DoesNotContain("   at ", _err.ToString() + _out.ToString());
    }

    [Fact]
    public void Smallest_blemish_above_the_largest_is_refused_by_batch_single_runs_and_the_effect_itself()
    {
        var witness = new Witness();
        Assert.Equal(RunExit.BadArguments, Batch(witness, InputFolder(), "-o", Path.Combine(_files.Root, "out"), "--min-size", "2", "--max-size", "1"));
        Assert.Equal(0, witness.Analysed);
        Assert.Contains("error: 'min-size' 2 is larger than 'max-size' 1", _err.ToString());

        var settings = SkinRecipe.Info.DefaultSettings().Set("min-size", 2).Set("max-size", 1);
        Assert.Throws<ArgumentException>(() => EffectRunner.Validate(SkinRecipe.Info,
            new RunRequest(Imaging.TestImages.Photo("sample1.jpg"), Path.Combine(_files.Root, "x.jpg"), settings)));
        var blemishes = new BlemishRemovalEffect();
        var face = BatchTestFiles.FaceCrop();
        var direct = blemishes.Descriptor.DefaultSettings().Set("min-size", 2).Set("max-size", 1);
        Assert.Throws<ArgumentException>(() => blemishes.Render(face, BatchTestFiles.FaceCropAnalysis(face), direct));
        blemishes.Render(face, BatchTestFiles.FaceCropAnalysis(face), direct.Set("min-size", 1)); // equal sizes are fine
    }

    [Fact]
    public void A_single_run_into_an_unwritable_folder_exits_1_naming_the_output_before_analysis()
    {
        var witness = new Witness();
        var input = Path.Combine(InputFolder(), "a.jpg");
        var output = Path.Combine(DamagedFiles.UnwritableFolder(), "out.jpg");

        int code = EffectCommand.Run(EffectCatalog.Get("skin").Create(), new RunRequest(input, output, SkinRecipe.Info.DefaultSettings()),
            _console, witness.Provider, default, _errors);

        Assert.Equal(RunExit.BadInput, code);
        Assert.Equal(0, witness.Analysed);
        Assert.StartsWith($"error: {output}: cannot create its folder (", _err.ToString());
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public void A_masks_folder_that_is_a_file_is_named_as_such_before_analysis()
    {
        var witness = new Witness();
        var input = Path.Combine(InputFolder(), "a.jpg");
        var masks = Path.Combine(_files.Root, "masks");
        File.WriteAllText(masks, "not a folder");

        int code = EffectCommand.Run(EffectCatalog.Get("skin").Create(),
            new RunRequest(input, Path.Combine(_files.Root, "out.jpg"), SkinRecipe.Info.DefaultSettings(), MasksFolder: masks),
            _console, witness.Provider, default, _errors);

        Assert.Equal(RunExit.BadInput, code);
        Assert.Equal(0, witness.Analysed);
        Assert.Equal($"error: {masks}: is a file, not a folder; give a folder for the results", _err.ToString().Trim());
    }

    [Fact]
    public void A_layered_write_that_fails_names_the_output_not_its_temporary_file()
    {
        var document = new LayerDocument(8, 8, 8);
        document.Add(new Layer("Original", new PlanarImage(8, 8, 3)));
        var output = "/sys/retouch-layers.psd"; // the folder exists and nobody may write in it
        Assert.True(Directory.Exists("/sys"));

        var e = Assert.Throws<OutputLocationException>(() => LayerFile.Write(document, output));

        Assert.StartsWith($"{output}: cannot write the file (", e.Message);
        Assert.DoesNotContain(".tmp", e.Message);
        Assert.DoesNotContain("already exists", e.Message);
    }

    [Fact]
    public void Errors_go_to_the_error_stream_as_one_plain_line_when_piped()
    {
        var missing = Path.Combine(_files.Root, "missing.jpg");
        int code = EffectCommand.Run(EffectCatalog.Get("skin").Create(),
            new RunRequest(missing, Path.Combine(_files.Root, "out.jpg"), SkinRecipe.Info.DefaultSettings()), _console, new Witness().Provider, default, _errors);

        Assert.Equal(RunExit.BadInput, code);
        Assert.Equal("", _out.ToString());
        Assert.Equal($"error: {missing}: no such file{Environment.NewLine}", _err.ToString());
        Assert.False(_err.ToString().Contains('\u001b'), "colour codes in piped output");
    }

    [Fact]
    public void An_unexpected_error_is_one_line_without_a_stack_trace_and_the_trace_goes_to_the_file_asked_for()
    {
        Exception thrown;
        try { throw new InvalidOperationException("something we did not foresee"); }
        catch (InvalidOperationException e) { thrown = e; }
        var error = new StringWriter();
        var trace = Path.Combine(_files.Root, "trace.log");

        Assert.Equal(RunExit.BadInput, Program.Unexpected(thrown, error, null));
        Assert.Equal($"error: unexpected InvalidOperationException: something we did not foresee (set {Program.TraceVariable}=FILE to record the stack trace){Environment.NewLine}", error.ToString());

        error.GetStringBuilder().Clear();
        Program.Unexpected(thrown, error, trace);
        Assert.DoesNotContain(" at ", error.ToString());
        Assert.Contains($"(stack trace in {trace})", error.ToString());
        Assert.Contains("   at ", File.ReadAllText(trace));
    }
}
