using System.CommandLine;
using System.Text.Json;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>`retouch info IMAGE`: what the file's header says (pixels are decoded only with --decode).</summary>
public static class InfoCommand
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "the image file (JPEG, PNG, TIFF, WebP, AVIF)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object instead of text" };
        var decode = new Option<bool>("--decode") { Description = "also decode every pixel, to check the file is complete (slower)" };
        var command = new Command("info", "Print an image's size, bit depth, channels, colour profile, EXIF orientation and format.")
        {
            image, json, decode,
        };
        var limitOptions = new LimitOptions();
        limitOptions.AddTo(command);
        command.SetAction(parse =>
        {
            RunLimits limits;
            try { limits = limitOptions.Read(parse); }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            return Run(parse.GetValue(image)!, parse.GetValue(json), parse.GetValue(decode), Console.Out, Console.Error, limits);
        });
        return command;
    }

    /// <returns>0 when the header was read, 2 when the file is missing, empty, not an image, damaged, or (with --decode) too large to decode.</returns>
    internal static int Run(string path, bool json, bool decode, TextWriter output, TextWriter error, RunLimits? limits = null)
    {
        ImageInfo info;
        try
        {
            info = ImageFile.ReadInfo(path);
            if (decode)
            {
                // The same header check as an effect run, at the cost of decoding alone.
                var given = limits ?? RunLimits.Default;
                EffectRunner.CheckFits(path, MemoryUse.Decode, given);
                ImageFile.Load(path, given.LoadOptions);
            }
        }
        catch (ImageFileException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }

        // A Photoshop document: what its result keeps besides pixel layers, and whether there is a picture to retouch.
        Shared.Layers.Psd.PsdSource? psd = null;
        if (info.Format == ImageFormat.Psd)
        {
            try { psd = Shared.Layers.Psd.PsdSource.Read(path); }
            catch (IOException e)
            {
                error.WriteLine($"error: {e.Message}");
                return BadInput;
            }
        }
        var profile = info.IccProfile is null ? "none (pixels are taken as sRGB)"
            : info.IccDescription is { } d ? $"{d} ({info.IccProfile.Length} bytes)"
            : $"embedded, no description ({info.IccProfile.Length} bytes)";
        var colours = info.Channels >= 3 ? WorkingColours.As(info.IccProfile, info.Exif).Note : null;
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                file = path, format = info.Format.DisplayName(), loader = info.Loader, width = info.Width, height = info.Height,
                channels = info.Channels, bitsPerSample = info.BitsPerSample, interpretation = info.Interpretation,
                orientation = info.Orientation, iccProfileBytes = info.IccProfile?.Length ?? 0, iccDescription = info.IccDescription,
                exif = info.HasExif, colours,
                photoshop = psd is null ? null : new { keptByteForByte = psd.NotKept, composite = psd.HasComposite },
            }));
            return Ok;
        }
        output.WriteLine($"file:         {path}");
        output.WriteLine($"format:       {info.Format.DisplayName()} ({info.Loader})");
        output.WriteLine($"size:         {info.Width} x {info.Height} pixels{(ImageInfo.SwapsAxes(info.Orientation) ? " (as displayed, after rotation)" : "")}");
        output.WriteLine($"channels:     {info.Channels} ({info.Interpretation})");
        output.WriteLine($"bit depth:    {info.BitsPerSample} bits per sample");
        output.WriteLine($"profile:      {profile}");
        if (colours is not null) output.WriteLine($"colours:      {colours}");
        output.WriteLine($"orientation:  {info.Orientation} ({Describe(info.Orientation)})");
        output.WriteLine($"exif:         {(info.HasExif ? "present" : "absent")}");
        bool pages = info.Format == ImageFormat.Tiff && Shared.Layers.LayeredPhoto.IsMultiPageTiff(path);
        if (pages || info.Format == ImageFormat.OpenRaster)
            output.WriteLine($"layers:       {(pages ? "several pages, " : "")}read as layers: the effects retouch their visible composite, a layered result keeps them under its own");
        if (psd is null) return Ok;
        output.WriteLine($"layers:       {(psd.NotKept.Count == 0 ? "pixel layers" : $"pixel layers and {string.Join(", ", psd.NotKept)}")}, kept byte for byte under a {psd.Extension} result");
        output.WriteLine($"composite:    {(psd.HasComposite ? "present (what the effects retouch)" : "absent: saved with Photoshop's \"Maximize PSD and PSB File Compatibility\" off")}");
        return Ok;
    }

    private static string Describe(int orientation) => orientation switch
    {
        1 => "upright",
        2 => "mirrored",
        3 => "upside down",
        4 => "upside down, mirrored",
        5 => "rotated and mirrored",
        6 => "turned 90 degrees clockwise on load",
        7 => "rotated and mirrored",
        8 => "turned 90 degrees anticlockwise on load",
        _ => "unknown",
    };
}
