using System.Text.Json;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>An effect of the catalog as the API lists it (GET /api/effects); <see cref="Plugin"/> is null for built-in effects.</summary>
public sealed record EffectDto(string Id, string Label, string Summary, string ResultLayer, string Needs,
    IReadOnlyList<ParameterDto> Parameters, IReadOnlyList<MaskDto> Masks, PluginDto? Plugin);

/// <summary>The plugin an effect came from: the file's name (not its folder), the assembly and its version.</summary>
public sealed record PluginDto(string File, string Assembly, string Version);

/// <summary>A plugin file the host refused or skipped at start, and why.</summary>
public sealed record PluginProblemDto(string File, string Problem);

/// <summary>
/// One parameter: kind number | integer | toggle | file | text; range, default and a slider step for numbers.
/// <see cref="OverHttp"/> is false for the analysis-level parameters the web host does not take; a file parameter takes the
/// id of a file uploaded with POST /api/files?role=<see cref="Role"/>. <see cref="Points"/>: a text parameter of points
/// "x,y; x,y" in the photo's full-size pixels (the page adds one per click on the photo; previews scale them).
/// </summary>
public sealed record ParameterDto(string Name, string Label, string Kind, double? Default, double? Min, double? Max, double? Step,
    string Help, string? Role, bool OverHttp, bool Required, bool Points);

public sealed record MaskDto(string Id, string LayerName, bool Layered);

/// <param name="Colours">For a photo not in sRGB, how its colours are worked on ("ProPhoto RGB: retouched as sRGB, written back in its own space"); else null.</param>
public sealed record SessionDto(string Id, string Name, int Width, int Height, int BitsPerSample, string Format, bool Launch,
    string Analysis, int? Faces, string? Colours = null);

public sealed record JobDto(string Id, string Kind, string SessionId, string State, double Progress, string? Error, string? RenderId);

public sealed record LayerDto(int Index, string Name, string Kind, bool Visible, string Url);

public sealed record RenderDto(string Id, string SessionId, string Effect, bool Preview, int Width, int Height, double RenderMs,
    int? Faces, string? Message, IReadOnlyDictionary<string, object> Parameters, IReadOnlyList<LayerDto> Layers);

public sealed record FaceDto(float X, float Y, float Width, float Height, float Score);

public sealed record AnalysisDto(string State, int Width, int Height, IReadOnlyList<FaceDto> Faces, JobDto? Job);

public sealed record LimitsDto(long MaxUploadBytes, long MaxPixels, int MaxSessions, int ConcurrentRenders, double RenderTimeoutSeconds, int DefaultPreviewSize);

/// <summary>GET /api/host: what this launch is (serve, or open on a file), its limits, and the export formats.</summary>
public sealed record HostDto(string Mode, string? OpenFile, string? SessionId, LimitsDto Limits, IReadOnlyList<string> ExportFormats,
    IReadOnlyList<PluginProblemDto> PluginProblems);

/// <summary>A render: the effect id, its parameter values by name (others keep their defaults), and for a preview the long side in pixels.</summary>
public sealed record RenderRequest(string Effect, Dictionary<string, JsonElement>? Parameters = null, int? MaxSize = null);

/// <summary>An export: one of <see cref="ExportFormats.Names"/>.</summary>
public sealed record ExportRequest(string Format);

/// <summary>The result of a save in open mode: the file written; the host then exits.</summary>
public sealed record SavedDto(string File, bool Layered);

/// <summary>A file uploaded for a file parameter: the id a render's parameters name, the display name, the role, its size (and an image's pixels).</summary>
public sealed record FileDto(string Id, string Name, string Role, long Bytes, int? Width, int? Height);
