using System.Reflection;
using PaintDotNet;
using RetouchPlugins.PaintDotNet;

// What Paint.NET shows for the plugin (its plugin list and error reports): one record for every Portrait effect.
[assembly: PluginSupportInfo<RetouchPluginsSupportInfo>]

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// The plugin's name, author, copyright, version and website as Paint.NET asks for them (IPluginSupportInfo), read from
/// the assembly attributes the build writes from the project's properties (Directory.Build.props: Product, Authors,
/// Copyright, Version, and the ProjectWebsite metadata), so they are written in one place.
/// </summary>
public sealed class RetouchPluginsSupportInfo : IPluginSupportInfo
{
    private static Assembly Plugin => typeof(RetouchPluginsSupportInfo).Assembly;

    public string? DisplayName => Plugin.GetCustomAttribute<AssemblyProductAttribute>()?.Product;

    public string? Author => Plugin.GetCustomAttribute<AssemblyCompanyAttribute>()?.Company;

    public string? Copyright => Plugin.GetCustomAttribute<AssemblyCopyrightAttribute>()?.Copyright;

    public Version? Version => Plugin.GetName().Version;

    /// <summary>The project's public page, or null while it has none (ProjectWebsite is empty).</summary>
    public Uri? WebsiteUri =>
        Plugin.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ProjectWebsite")?.Value is { Length: > 0 } site
            ? new Uri(site, UriKind.Absolute) : null;
}
