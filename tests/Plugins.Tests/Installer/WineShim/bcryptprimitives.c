/*
 * TEST ONLY, never shipped: a stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks.
 *
 * libvips-42.dll (the win-x64 build from @img/sharp-win32-x64) imports one function from it, ProcessPrng,
 * the process-wide cryptographic RNG of Windows 10+. Without the DLL, libvips cannot load under Wine and the
 * installed retouch.exe cannot decode a photo. This shim exports exactly that function with the documented
 * contract (fill cbData bytes at pbData with random bytes, return TRUE) over Wine's own cryptographic RNG,
 * RtlGenRandom (advapi32!SystemFunction036). RtlGenRandom takes a ULONG length, so the buffer is filled in
 * chunks of at most 2^30 bytes. InstallerWineTests builds it with mingw-w64 and puts it in the test prefix's
 * system32; on real Windows the system's own bcryptprimitives.dll is used.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    const SIZE_T chunk = (SIZE_T)1 << 30;
    while (size > 0) {
        ULONG n = (ULONG)(size < chunk ? size : chunk);
        if (!SystemFunction036(data, n)) return FALSE;
        data += n;
        size -= n;
    }
    return TRUE;
}

/* No C runtime: the DLL has nothing to set up or tear down. */
BOOL WINAPI ShimEntry(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    (void)instance; (void)reason; (void)reserved;
    return TRUE;
}
