// Paint.NET 5.1.9, PaintDotNet.Core.dll (apidocs pages PaintDotNet.IndirectUI.ControlInfo, ControlInfoPropertyNames,
// PaintDotNet.AppModel.PluginOptions).
using PaintDotNet.PropertySystem;

namespace PaintDotNet.AppModel
{
    /// <summary>apidocs: PaintDotNet.AppModel.PluginOptions (the base record of every plugin's options).</summary>
    public abstract record PluginOptions;
}

namespace PaintDotNet.IndirectUI
{
    /// <summary>apidocs: PaintDotNet.IndirectUI.ControlInfoPropertyNames (only the two members the plugin sets).</summary>
    public enum ControlInfoPropertyNames
    {
        DisplayName = 0,
        Description = 1,
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
