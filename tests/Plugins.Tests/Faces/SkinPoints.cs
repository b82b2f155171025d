namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// Points marked by hand on the analysis overlays of the six sample photos (photo pixels, read off the overlays
/// at display scale, so good to about 10 px; each lies at least ~25 px inside its area). In: skin the mask must
/// hold (cheek, neck, arm, leg). Out: hair, clothing and background the mask must leave alone.
/// </summary>
internal static class SkinPoints
{
    public sealed record Marked(string What, int X, int Y);

    public static readonly IReadOnlyDictionary<int, (Marked[] In, Marked[] Out)> ByPhoto = new Dictionary<int, (Marked[], Marked[])>
    {
        [1] = (
            [new("left woman's cheek", 557, 471), new("middle woman's cheek", 986, 557), new("right woman's neck", 1457, 471), new("right woman's forearm", 1429, 1000)],
            [new("dark wall, left", 214, 429), new("red hair, right woman", 1714, 714), new("black shirt, right woman", 1500, 714),
             new("black hair, middle woman", 800, 743), new("white top, middle woman", 929, 857)]),
        [2] = (
            [new("right woman's cheek", 1597, 296), new("right woman's upper arm", 1804, 592), new("left woman's forearm", 300, 560), new("middle woman's cheek", 1020, 370)],
            [new("bright background", 148, 118), new("left woman's hair", 636, 666), new("black sofa", 222, 887),
             new("grey dress, middle woman", 1035, 769), new("black top, right woman", 1597, 666)]),
        [3] = (
            [new("middle woman's chest", 1154, 657), new("right woman's shoulder", 1505, 701), new("middle woman's cheek", 1169, 380), new("left woman's wrist above the bangle (was marked at 862,789, which is her satin sleeve)", 800, 915),
             new("left woman's bare thigh", 200, 1160)],
            [new("window", 438, 219), new("black top, middle woman", 1169, 950), new("purple dress", 1680, 877),
             new("blonde curls, left woman", 877, 438), new("leather sofa", 146, 877),
             new("cream jacket at the left woman's hip (was 0.15 before the texture was measured over a neighbourhood)", 620, 1200)]),
        [4] = (
            [new("second woman's arm", 608, 684), new("second woman's cheek", 745, 228), new("third woman's neck", 1095, 456), new("right woman's leg", 1597, 1338)],
            [new("wall", 1673, 456), new("jeans", 730, 1141), new("patterned dress", 1095, 1065),
             new("dark hair, left woman", 152, 456), new("black top, right woman", 1445, 684)]),
        [5] = (
            [new("top woman's cheek", 865, 239), new("right woman's forearm", 1700, 1100), new("middle knee", 835, 835), new("right woman's cheek", 1491, 567),
             new("right woman's upper arm", 1780, 820)],
            [new("stairs", 447, 224), new("red top, right woman", 1461, 924), new("navy dress", 1297, 745),
             new("hair, right woman", 1744, 492), new("white wall", 1715, 149),
             new("brown hair over the right woman's shoulder (was 0.69)", 1580, 810)]),
        [6] = (
            [new("third woman's arm", 1365, 1098), new("first woman's chest", 392, 816), new("third woman's cheek", 1286, 471), new("second woman's neck", 784, 706)],
            [new("window blinds", 784, 157), new("maroon dress", 816, 1098), new("striped jumpsuit", 1161, 1255),
             new("black hair, second woman", 659, 863), new("denim jacket", 1725, 1098)]),
    };
}
