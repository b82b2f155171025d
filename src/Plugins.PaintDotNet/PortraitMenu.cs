namespace RetouchPlugins.PaintDotNet;

/// <summary>Where the effects appear in Paint.NET: Effects > Portrait.</summary>
public static class PortraitMenu
{
    public const string SubmenuName = "Portrait";
}
