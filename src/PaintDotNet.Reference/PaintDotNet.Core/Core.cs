// Paint.NET 5.1.9, PaintDotNet.Core.dll (apidocs pages PaintDotNet.IndirectUI.ControlInfo, ControlInfoPropertyNames,
// WindowHelpContentType, PaintDotNet.AppModel.PluginOptions, PaintDotNet.IPluginSupportInfo, PluginSupportInfoAttribute,
// PluginSupportInfoAttribute-1).
using PaintDotNet.PropertySystem;

namespace PaintDotNet
{
    /// <summary>apidocs: PaintDotNet.IPluginSupportInfo (what Paint.NET shows about a plugin: name, author, copyright, version, site).</summary>
    public interface IPluginSupportInfo
    {
        string? Author { get; }
        string? Copyright { get; }
        string? DisplayName { get; }
        Version? Version { get; }
        Uri? WebsiteUri { get; }
    }

    /// <summary>apidocs: PaintDotNet.PluginSupportInfoAttribute (on an assembly, a class or an interface).</summary>
    [AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
    public class PluginSupportInfoAttribute : Attribute, IPluginSupportInfo
    {
        public PluginSupportInfoAttribute() { }

        public string? DisplayName { get; set; }
        public string? Author { get; set; }
        public string? Copyright { get; set; }
        public Version Version { get; set; } = new();
        public Uri? WebsiteUri { get; set; }
    }

    /// <summary>apidocs: PaintDotNet.PluginSupportInfoAttribute-1 (the info comes from a new T).</summary>
    public sealed class PluginSupportInfoAttribute<T> : PluginSupportInfoAttribute, IPluginSupportInfo where T : IPluginSupportInfo, new()
    {
        public PluginSupportInfoAttribute() { }

        /// <summary>Harness plumbing (not Paint.NET API): the info Paint.NET would read, from T.</summary>
        internal IPluginSupportInfo HarnessInfo => new T();
    }
}

namespace PaintDotNet.AppModel
{
    /// <summary>apidocs: PaintDotNet.AppModel.PluginOptions (the base record of every plugin's options).</summary>
    public abstract record PluginOptions;
}

namespace PaintDotNet.IndirectUI
{
    /// <summary>apidocs: PaintDotNet.IndirectUI.ControlInfoPropertyNames (only the members the plugin sets, with Paint.NET's values).</summary>
    public enum ControlInfoPropertyNames
    {
        DisplayName = 0,
        Description = 1,
        WindowTitle = 21,
        WindowHelpContentType = 32,
        WindowHelpContent = 33,
    }

    /// <summary>apidocs: PaintDotNet.IndirectUI.WindowHelpContentType (PlainText: the dialog's help button shows the text in a message box).</summary>
    public enum WindowHelpContentType
    {
        None = 0,
        PlainText = 1,
        CustomViaCallback = 2,
    }

    /// <summary>apidocs: PaintDotNet.IndirectUI.ControlInfo (abstract; SetPropertyControlValue returns bool).</summary>
    public abstract class ControlInfo : ICloneable
    {
        private protected ControlInfo() { }

        public abstract bool SetPropertyControlValue(object propertyName, object controlPropertyName, object? propertyValue);

        public abstract object Clone();
    }

    /// <summary>Harness plumbing (not Paint.NET API): the dialog the default UI builds, with what the effect set on it.</summary>
    internal sealed class HarnessControlInfo(IEnumerable<Property> properties) : ControlInfo
    {
        private readonly HashSet<string> _names = properties.Select(p => p.Name).ToHashSet();
        private readonly Dictionary<(string, string), object?> _values = new();

        public override bool SetPropertyControlValue(object propertyName, object controlPropertyName, object? propertyValue)
        {
            // An unknown property is a bug in the effect; Paint.NET throws too.
            if (!_names.Contains(propertyName.ToString()!)) throw new KeyNotFoundException($"no property '{propertyName}'");
            _values[(propertyName.ToString()!, controlPropertyName.ToString()!)] = propertyValue;
            return true;
        }

        public object? Get(object propertyName, object controlPropertyName) =>
            _values.TryGetValue((propertyName.ToString()!, controlPropertyName.ToString()!), out var v) ? v : null;

        public override object Clone() => MemberwiseClone();
    }
}
