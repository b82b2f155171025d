using System.Runtime.CompilerServices;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Support;

/// <summary>
/// The tests run the float person model (u2netp.onnx) wherever they run: the product takes the int8 one only on CPUs
/// with exact 8-bit dot products, and the reference outputs must not depend on the machine. The int8 model is tested
/// on its own (Faces/PersonSegmenterInt8Tests: its mask, and a skin retouch with it against the float one). Set by a
/// module initializer before any test runs; processes the tests start inherit it.
/// </summary>
internal static class PersonModelPin
{
    [ModuleInitializer]
    internal static void PinTheFloatPersonModel() => Environment.SetEnvironmentVariable(PersonSegmenter.ModelVariable, "float");
}
