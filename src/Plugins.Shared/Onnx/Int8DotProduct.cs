using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// Whether this CPU has instructions that multiply 8-bit integers into 32-bit sums exactly: AVX-512 VNNI or AVX-VNNI on
/// x64, the dot-product extension on Arm64. ONNX Runtime's int8 kernels use them when present; on x64 CPUs without them
/// its u8 x s8 kernels pair products in saturating 16-bit sums (ORT's quantization notes), so an int8 model is used only
/// where the sums are exact.
/// </summary>
public static class Int8DotProduct
{
    public static bool IsSupported { get; } = Detect();

    private static bool Detect()
    {
        if (Dp.Arm64.IsSupported || AvxVnni.IsSupported) return true;
        // .NET names no AVX-512 VNNI class of its own: CPUID leaf 7, ECX bit 11, with AVX-512 usable (OS state saved).
        return Avx512F.IsSupported && X86Base.IsSupported && (X86Base.CpuId(7, 0).Ecx & (1 << 11)) != 0;
    }
}
