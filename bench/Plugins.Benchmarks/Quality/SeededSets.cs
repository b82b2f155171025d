using System.Globalization;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>One photo painted with one seed: the set, and the clean photo's analysis (which the painting does not change).</summary>
public sealed record SeededSet(string Photo, int Seed, BlemishSet Set, PortraitAnalysis Analysis);

/// <summary>
/// The six photos painted with each of several seeds (`--seeds`, default <see cref="SeedSpread.DefaultSeeds"/>): each photo
/// is analysed once and painted once per seed, with the generator's stream depending on the seed and the photo's index
/// only, so the spots are those of `quality --seed`. Shared by `seeds` and `oracle`.
/// </summary>
public static class SeededSets
{
    public static List<int> Seeds(CommandLine args) => args.Option("seeds", SeedSpread.DefaultSeeds)
        .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();

    /// <summary>Every photo with every seed, photo by photo (a line on the console after each photo).</summary>
    public static IEnumerable<SeededSet> Paint(CommandLine args, IReadOnlyList<int> seeds)
    {
        var source = BenchSetup.AnalysisSource();
        var photos = BenchSetup.Photos(args.Option("photos"));
        for (int index = 0; index < photos.Count; index++)
        {
            string name = Path.GetFileNameWithoutExtension(photos[index]);
            var clean = PlaneMath.Quantize8(BenchImages.Load(photos[index]));
            var analysis = source.Analyze(clean);
            foreach (int seed in seeds)
                yield return new SeededSet(name, seed, new BlemishGenerator(seed).Paint(clean, analysis, index), analysis);
            Console.WriteLine($"{name}: {seeds.Count} seeds done");
        }
    }
}
