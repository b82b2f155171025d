using System.Text.Json;

namespace RetouchPlugins.Benchmarks.Reporting;

/// <summary>Metrics of one method on one synthetic-blemish image. Null where a metric does not apply.</summary>
public sealed record QualityRow(
    string Image, string Method, double PsnrSkin, double SsimSkin, double SpotRemoved, double SpotCoreRemoved, double? RednessRemoved,
    double TextureRetention, double? OutsideMax, double? OutsideMean, double Seconds,
    double? SpotVisibilityRemoved = null, int? SpotsLeft = null, int? Spots = null);

/// <summary>Facts about one test image: size, faces used, blemishes painted, analysis time.</summary>
public sealed record QualityImage(string Image, int Width, int Height, int Faces, int DarkSpots, int Acne, int Patches, double AnalysisSeconds);

public sealed record QualityResults(
    string Started, double WallSeconds, int Seed, string AnalysisSource, IReadOnlyList<string> Methods, string OutsideRegion,
    IReadOnlyList<QualityImage> Images, IReadOnlyList<QualityRow> Rows, string? ContactSheet, IReadOnlyList<string> ContactSheetRows,
    IReadOnlyList<RetouchPlugins.Benchmarks.Quality.SpotOutcome>? SpotOutcomes = null);

/// <summary>One timed run: a method on an image size, in its own process.</summary>
public sealed record SpeedRow(
    string Size, int Width, int Height, string Method, double? AnalysisSeconds, double RenderSeconds,
    double ProcessSeconds, double PeakMegabytes, int Repetitions, string? Note);

public sealed record SpeedResults(string Started, double WallSeconds, string Photo, IReadOnlyList<SpeedRow> Rows, IReadOnlyList<string> Skipped, string LoadAverage,
    IReadOnlyList<StartupRow>? Startup = null);

/// <summary>
/// One process that opens the models and retouches the 1920 px photo twice (issue 13's model-loading overhead), in one
/// state of the optimised-model cache: "off", "first run" (an empty cache it writes) or "cached" (a later run).
/// </summary>
public sealed record StartupRow(string Cache, double OpenSeconds, double FirstAnalysisSeconds, double SecondAnalysisSeconds, double OverheadSeconds,
    double RenderWarmUpSeconds, double ProcessSeconds, double PeakMegabytes, int CachedBefore, int CachedAfter);

public static class ResultFiles
{
    public const string Quality = "quality.json", Speed = "speed.json", Report = "REPORT.md", Sheet = "contact-sheet.png";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write<T>(string path, T value)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(value, Options));
        File.Move(temp, path, overwrite: true);
    }

    public static T? Read<T>(string path) where T : class =>
        File.Exists(path) ? JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) : null;
}
