using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>Owns one reference to a VipsImage (a GObject); releasing it drops the reference.</summary>
internal sealed class VipsImageHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public VipsImageHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle()
    {
        VipsNative.g_object_unref(handle);
        return true;
    }
}
