using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>GET /api/effects (the catalog, generated from the descriptors) and GET /api/host (this launch).</summary>
public static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/effects", (HostCatalog catalog) => TypedResults.Ok(catalog.All.Select(Describe).ToList()))
            .WithSummary("The effects of the catalog and the loaded plugins: ids, labels, parameters (kind, range, default), masks, the plugin file.");
        api.MapGet("/host", (ServeOptions options, SessionStore sessions, HostCatalog catalog) =>
        {
            var l = options.Limits;
            return TypedResults.Ok(new HostDto(options.OpenFile is null ? "serve" : "open", options.OpenFile, sessions.Launched?.Id,
                new LimitsDto(l.MaxUploadBytes, l.MaxPixels, l.MaxSessions, l.ConcurrentRenders, l.RenderTimeout.TotalSeconds, l.DefaultPreviewSize),
                ExportFormats.Names, catalog.Problems.Select(p => new PluginProblemDto(p.File, p.Problem)).ToList()));
        }).WithSummary("This launch: serve or open (with the file), its limits, export formats, and the plugins it refused.");
    }

    public static EffectDto Describe(CatalogEntry entry)
    {
        var d = entry.Descriptor;
        return new(d.Id, d.Label, d.Summary, d.ResultLayer, d.Needs.ToString(), d.Parameters.Select(Describe).ToList(),
            d.Masks.Select(m => new MaskDto(m.Id, m.LayerName, m.Layered)).ToList(),
            entry.Plugin is { } plugin ? new PluginDto(Path.GetFileName(plugin.File), plugin.Assembly, plugin.Version) : null);
    }

    /// <summary>
    /// False for the analysis-level parameters (the parsing model and its class list): a web session analyses its photo
    /// once for every effect, so they cannot change per render. File parameters take an uploaded file's id.
    /// </summary>
    private static bool OverHttp(EffectParameter p) => !AnalysisParameters.All.Any(a => a.Name == p.Name);

    private static ParameterDto Describe(EffectParameter p)
    {
        bool numeric = p.IsNumeric;
        double? step = p.Kind switch
        {
            ParameterKind.Number => (p.Max - p.Min) / 100,
            ParameterKind.Integer or ParameterKind.Toggle => 1,
            _ => null,
        };
        return new ParameterDto(p.Name, p.Label, p.Kind.ToString().ToLowerInvariant(), numeric ? p.Default : null, numeric ? p.Min : null,
            numeric ? p.Max : null, step, p.Help, p.Kind == ParameterKind.File ? FileEndpoints.RoleName(p.Role) : null, OverHttp(p), p.Required, p.IsPoints);
    }
}
