// Compile-time stand-in for Paint.NET 5 (not Paint.NET). Sources: see Effects.cs.
using PaintDotNet.PropertySystem;

namespace PaintDotNet.IndirectUI
{
    /// <summary>Stand-in for PaintDotNet.IndirectUI.ControlInfoPropertyNames (the two the adapters set).</summary>
    public enum ControlInfoPropertyNames
    {
        DisplayName,
        Description,
    }

    /// <summary>Stand-in for PaintDotNet.IndirectUI.ControlInfo: per-property control settings (labels).</summary>
    public sealed class ControlInfo
    {
        private readonly PropertyCollection _properties;
        private readonly Dictionary<(string, string), object> _values = new();

        internal ControlInfo(PropertyCollection properties) => _properties = properties;

        public void SetPropertyControlValue(object propertyName, object controlPropertyName, object propertyValue)
        {
            _ = _properties[propertyName]; // an unknown property is a bug in the effect; Paint.NET throws too
            _values[(propertyName.ToString()!, controlPropertyName.ToString()!)] = propertyValue;
        }

        /// <summary>Stand-in harness: what was set for a property (null when nothing was).</summary>
        public object? GetPropertyControlValue(object propertyName, object controlPropertyName) =>
            _values.TryGetValue((propertyName.ToString()!, controlPropertyName.ToString()!), out var v) ? v : null;
    }
}
