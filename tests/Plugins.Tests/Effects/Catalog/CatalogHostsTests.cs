using System.CommandLine;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Batch;

namespace RetouchPlugins.Tests.Effects.Catalog;

/// <summary>The command line is generated from the catalog: a command per effect with its parameters as options, and batch runs any of them.</summary>
public sealed class CatalogHostsTests : IDisposable
{
    private readonly BatchTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Every_catalog_effect_is_a_command_with_its_parameters_as_options()
    {
        var root = Program.Root();
        foreach (var entry in EffectCatalog.All)
        {
            var command = Assert.Single(root.Subcommands, c => c.Name == entry.Id);
            Assert.Equal(entry.Descriptor.Summary, command.Description);
            foreach (var p in entry.Descriptor.Parameters)
                Assert.Contains(command.Options, o => o.Name == "--" + p.Name);
        }
    }

    [Fact]
    public void Tone_match_runs_from_its_generated_command_and_writes_its_mask_layer()
    {
        string input = Path.Combine(_files.Root, "group.jpg"), output = Path.Combine(_files.Root, "group.ora");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", 700, 100, 1100, 600, input); // the middle and right-hand faces

        int code = Program.Root().Parse(["tone-match", input, "-o", output, "--amount", "1"]).Invoke();

        Assert.Equal(0, code);
        var layers = Shared.Layers.LayerFile.Read(output).Layers.Select(l => l.Name).ToArray();
        Assert.Equal(["Original", "Retouched", ToneMatchEffect.Mask.LayerName], layers);
    }

    [Fact]
    public void Batch_refuses_an_option_the_chosen_effect_does_not_have()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        BatchTestFiles.SaveSampleCrop("sample1.jpg", BatchTestFiles.CropX, BatchTestFiles.CropY, 200, 200, Path.Combine(input, "a.jpg"));
        var root = new RootCommand { BatchCommand.Create(_files.Console, new DelegateAnalysisProvider((image, _) => BatchTestFiles.FaceCropAnalysis(image))) };

        int code = root.Parse(["batch", input, "-o", output, "--effect", "whiten", "--strength", "0.5"]).Invoke();

        Assert.Equal(RunExit.BadArguments, code);
        Assert.Contains("--strength is not an option of the effect 'whiten'", _files.Text);
        Assert.False(Directory.Exists(output));
    }
}
