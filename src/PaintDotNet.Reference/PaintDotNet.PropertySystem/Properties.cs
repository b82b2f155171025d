// Paint.NET 5.1.9, PaintDotNet.PropertySystem.dll (apidocs pages PaintDotNet.PropertySystem.Property, Property-1,
// ScalarProperty-1, DoubleProperty, Int32Property, BooleanProperty, StringProperty, PropertyCollection).
// INotifyPropertyChanged and the read-only / validation overloads are left out (not used).
namespace PaintDotNet.PropertySystem
{
    /// <summary>apidocs: PaintDotNet.PropertySystem.Property (string Name; object? Value).</summary>
    public abstract class Property : ICloneable
    {
        private protected Property(object name) => Name = name.ToString() ?? throw new ArgumentNullException(nameof(name));

        public string Name { get; }

        public object? Value { get => BoxedValue; set => BoxedValue = value; }

        private protected abstract object? BoxedValue { get; set; }

        public abstract object Clone();
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.Property-1 (Value and DefaultValue are declared here).</summary>
    public abstract class Property<T> : Property
    {
        private T _value;

        private protected Property(object name, T defaultValue) : base(name) { DefaultValue = defaultValue; _value = defaultValue; }

        public new T Value { get => _value; set => _value = Validate(value); }

        public T DefaultValue { get; }

        private protected virtual T Validate(T value) => value;

        private protected override object? BoxedValue { get => _value; set => Value = (T)Convert.ChangeType(value, typeof(T))!; }
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.ScalarProperty-1; out-of-range values are refused, as the UI never produces them.</summary>
    public abstract class ScalarProperty<T> : Property<T> where T : struct, IComparable<T>
    {
        private protected ScalarProperty(object name, T defaultValue, T minValue, T maxValue) : base(name, defaultValue)
        {
            MinValue = minValue; MaxValue = maxValue;
        }

        public T MinValue { get; }
        public T MaxValue { get; }

        private protected override T Validate(T value) =>
            value.CompareTo(MinValue) < 0 || value.CompareTo(MaxValue) > 0
                ? throw new ArgumentOutOfRangeException(Name, value, $"must be between {MinValue} and {MaxValue}")
                : value;
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.DoubleProperty.</summary>
    public sealed class DoubleProperty(object name, double defaultValue, double minValue, double maxValue)
        : ScalarProperty<double>(name, defaultValue, minValue, maxValue)
    {
        public override object Clone() => new DoubleProperty(Name, DefaultValue, MinValue, MaxValue) { Value = Value };
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.Int32Property.</summary>
    public sealed class Int32Property(object name, int defaultValue, int minValue, int maxValue)
        : ScalarProperty<int>(name, defaultValue, minValue, maxValue)
    {
        public override object Clone() => new Int32Property(Name, DefaultValue, MinValue, MaxValue) { Value = Value };
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.BooleanProperty (a ScalarProperty of bool).</summary>
    public sealed class BooleanProperty(object name, bool defaultValue) : ScalarProperty<bool>(name, defaultValue, false, true)
    {
        public override object Clone() => new BooleanProperty(Name, DefaultValue) { Value = Value };
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.StringProperty (a Property of string).</summary>
    public sealed class StringProperty(object name, string defaultValue, int maxLength) : Property<string>(name, defaultValue)
    {
        private protected override string Validate(string value) =>
            value.Length > maxLength ? throw new ArgumentOutOfRangeException(Name, $"longer than {maxLength} characters") : value;

        public override object Clone() => new StringProperty(Name, DefaultValue, maxLength) { Value = Value };
    }

    /// <summary>apidocs: PaintDotNet.PropertySystem.PropertyCollection (the indexer returns Property?).</summary>
    public sealed class PropertyCollection : IEnumerable<Property>, ICloneable
    {
        private readonly List<Property> _properties;

        public PropertyCollection(IEnumerable<Property> properties)
        {
            _properties = properties.ToList();
            var duplicate = _properties.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"two properties are named '{duplicate.Key}'");
        }

        public Property? this[object propertyName] => _properties.FirstOrDefault(p => p.Name == propertyName.ToString());

        public IEnumerator<Property> GetEnumerator() => _properties.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public object Clone() => new PropertyCollection(_properties.Select(p => (Property)p.Clone()));
    }

    /// <summary>Harness plumbing (not Paint.NET API): a dialog-window property holding any value (Paint.NET uses its own list and string properties).</summary>
    internal sealed class HarnessValueProperty(object name, object? value) : Property(name)
    {
        private protected override object? BoxedValue { get; set; } = value;

        public override object Clone() => new HarnessValueProperty(Name, BoxedValue);
    }
}
