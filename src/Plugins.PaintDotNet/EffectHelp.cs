using PaintDotNet;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// The text behind the effect dialog's help button (Paint.NET's WindowHelpContent, plain text): the effect's summary
/// and each control's help, from the same parameter record the command line's --help is generated from, then the
/// plugin's name, version, copyright and site.
/// </summary>
internal static class EffectHelp
{
    public static string For(EffectDescriptor descriptor, IPluginSupportInfo plugin)
    {
        var text = new System.Text.StringBuilder();
        text.Append(descriptor.Label).Append(": ").AppendLine(descriptor.Summary).AppendLine();
        foreach (var p in descriptor.Parameters)
        {
            string range = p.IsNumeric ? p.RangeText : p.IsPoints ? "optional, points" : p.Kind == ParameterKind.Text ? "optional, text"
                : p.Required ? "required, a file path" : "optional, a file path";
            text.Append(p.Label).Append(" (").Append(range).Append("): ").AppendLine(p.Help);
            if (p.IsPoints && p.FromSelectionPieces)
                text.Append(EffectProperties.FromSelectionLabel(p)).AppendLine(": circle each spot with Ellipse Select at 100 % " +
                    "(hold Ctrl to add a circle); each circle's centre is a point. A larger selection only limits the change.");
        }
        text.Append(EffectProperties.RetouchOnlyLabel).AppendLine(": writes only the change, with alpha, into the selected " +
            "layer; add an empty layer above the photo first. The photo's layer stays untouched, and the retouch can be faded or erased.");
        text.AppendLine().Append("Faces are found once per image and shared by every Portrait effect; a photo without a face comes back unchanged.");
        text.AppendLine().AppendLine().Append($"{plugin.DisplayName} {plugin.Version?.ToString(3)}");
        if (plugin.Copyright is { Length: > 0 } copyright) text.Append(", ").Append(copyright);
        if (plugin.WebsiteUri is { } site) text.AppendLine().Append(site);
        return text.ToString();
    }
}
