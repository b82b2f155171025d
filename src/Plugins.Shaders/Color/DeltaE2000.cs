namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// The CIEDE2000 colour difference (CIE 142-2001, in the form of Sharma, Wu and Dalal 2005, whose test
/// pairs the unit tests check) between two CIELAB colours, with kL = kC = kH = 1. About 1 is the smallest
/// difference an observer sees side by side; 2 to 3 is a visible but small mismatch.
/// </summary>
public static class DeltaE2000
{
    public static double Between((double L, double A, double B) first, (double L, double A, double B) second)
    {
        var (l1, a1, b1) = first;
        var (l2, a2, b2) = second;
        double c1 = Math.Sqrt(a1 * a1 + b1 * b1), c2 = Math.Sqrt(a2 * a2 + b2 * b2);
        double cMean7 = Math.Pow((c1 + c2) / 2, 7);
        double g = 0.5 * (1 - Math.Sqrt(cMean7 / (cMean7 + Math.Pow(25, 7))));
        double ap1 = (1 + g) * a1, ap2 = (1 + g) * a2;
        double cp1 = Math.Sqrt(ap1 * ap1 + b1 * b1), cp2 = Math.Sqrt(ap2 * ap2 + b2 * b2);
        double hp1 = Hue(b1, ap1), hp2 = Hue(b2, ap2);

        double dL = l2 - l1, dC = cp2 - cp1;
        double dh = 0;
        if (cp1 * cp2 != 0)
        {
            dh = hp2 - hp1;
            if (dh > 180) dh -= 360;
            else if (dh < -180) dh += 360;
        }
        double dH = 2 * Math.Sqrt(cp1 * cp2) * Math.Sin(Radians(dh / 2));

        double lMean = (l1 + l2) / 2, cpMean = (cp1 + cp2) / 2;
        double hMean = hp1 + hp2;
        if (cp1 * cp2 != 0)
        {
            if (Math.Abs(hp1 - hp2) <= 180) hMean /= 2;
            else hMean = hp1 + hp2 < 360 ? (hMean + 360) / 2 : (hMean - 360) / 2;
        }
        double t = 1 - 0.17 * Math.Cos(Radians(hMean - 30)) + 0.24 * Math.Cos(Radians(2 * hMean))
                   + 0.32 * Math.Cos(Radians(3 * hMean + 6)) - 0.20 * Math.Cos(Radians(4 * hMean - 63));
        double dTheta = 30 * Math.Exp(-Math.Pow((hMean - 275) / 25, 2));
        double cpMean7 = Math.Pow(cpMean, 7);
        double rc = 2 * Math.Sqrt(cpMean7 / (cpMean7 + Math.Pow(25, 7)));
        double l50 = (lMean - 50) * (lMean - 50);
        double sl = 1 + 0.015 * l50 / Math.Sqrt(20 + l50);
        double sc = 1 + 0.045 * cpMean;
        double sh = 1 + 0.015 * cpMean * t;
        double rt = -Math.Sin(Radians(2 * dTheta)) * rc;

        double x = dL / sl, y = dC / sc, z = dH / sh;
        return Math.Sqrt(x * x + y * y + z * z + rt * y * z);
    }

    private static double Hue(double b, double ap)
    {
        if (b == 0 && ap == 0) return 0;
        double h = Math.Atan2(b, ap) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
