using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Effects;
using Spectre.Console;

namespace RetouchPlugins.Tests.Batch;

/// <summary>Small real photos (crops of the samples), a captured console and a temp folder for the batch tests.</summary>
internal sealed class BatchTestFiles : IDisposable
{
    /// <summary>The 500x500 crop of sample1.jpg holding the hand-placed face at (100, 100).</summary>
    public const int CropX = HandPlacedFace.OriginX - 100, CropY = HandPlacedFace.OriginY - 100, CropSize = 500;

    private readonly StringWriter _text = new();

    public BatchTestFiles()
    {
        Root = Directory.CreateTempSubdirectory("retouch-batch-").FullName;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_text), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        Console.Profile.Width = 240; // table rows on one line each, so messages can be searched
    }

    public string Root { get; }
    public IAnsiConsole Console { get; }
    public string Text => _text.ToString();

    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(Root, name)).FullName;

    public static PlanarImage FaceCrop() => HandPlacedFace.LoadPhoto().Crop(CropX, CropY, CropSize, CropSize);

    /// <summary>The hand-placed analysis for <see cref="FaceCrop"/> (any image of that size).</summary>
    public static PortraitAnalysis FaceCropAnalysis(PlanarImage image) =>
        HandPlacedFace.Analysis(image.Width, image.Height, 100, 100, 1);

    /// <summary>A crop of one of the sample photos, saved as a JPEG (a real photo, small enough to be quick).</summary>
    public static void SaveSampleCrop(string sample, int x, int y, int w, int h, string path)
    {
        var photo = ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", sample));
        ImageFile.Save(photo.WithPixels(photo.Pixels.Crop(x, y, w, h)), path);
    }

    /// <summary>Every file in a folder, hidden ones (temporary files) included.</summary>
    public static string[] FilesIn(string folder) =>
        Directory.EnumerateFiles(folder).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();

    public void Dispose() => Directory.Delete(Root, true);
}
