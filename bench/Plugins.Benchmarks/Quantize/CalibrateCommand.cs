using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Onnx;
using RetouchPlugins.Shaders.Onnx.Proto;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quantize;

/// <summary>
/// `calibrate-u2netp [--out FILE] [--float NODE,NODE]`: the activation ranges the build quantizes u2netp with
/// (tools/ModelQuantizer). Runs the float u2netp on the six bundled photos and on twelve crops of each (three widths
/// by four shapes, at the left, centre and right: the half-body and head-and-shoulders framings the person mask sees),
/// each prepared exactly as PersonSegmenter prepares a photo, and records every activation's smallest and largest
/// value. Writes models/u2netp-int8.calibration; commit it, and the next build quantizes with it.
/// `--float`: convolutions left in float (default Conv_787: with its weights alone in int8 the mask moved by 0.32 on
/// average; the next worst convolution by 0.014; bench/OBSERVATIONS.md, twenty-ninth session).
/// </summary>
public static class CalibrateCommand
{
    private static readonly (double Width, double Height)[] Crops = [(0.6, 0.8), (0.5, 0.9), (0.4, 0.6), (0.7, 1.0)];

    public static int Run(CommandLine args)
    {
        string output = args.Option("out") ?? Path.Combine("models", "u2netp-int8.calibration");
        var catalog = AssetCatalog.ForApplication();
        byte[] modelBytes = File.ReadAllBytes(catalog.ModelPath(PersonSegmenter.ModelFile));
        var model = ModelProto.Parser.ParseFrom(modelBytes);
        var ranges = new ActivationRanges();
        foreach (var node in (args.Option("float") ?? "Conv_787").Split(',', StringSplitOptions.RemoveEmptyEntries)) ranges.KeepFloat(node);

        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(QdqQuantizer.WithActivationOutputs(model).ToByteArray(), options);
        string input = session.InputMetadata.Keys.Single();
        var activations = QdqQuantizer.Activations(model).ToHashSet();
        int images = 0;
        var photos = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata"), "sample*.jpg").Order(StringComparer.Ordinal);
        foreach (var path in photos)
        {
            var photo = BenchImages.Load(path);
            foreach (var view in Views(photo))
            {
                var tensor = new DenseTensor<float>(PersonSegmenter.NetworkInput(view), [1, 3, PersonSegmenter.InputSize, PersonSegmenter.InputSize]);
                using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
                foreach (var result in results.Where(r => activations.Contains(r.Name)))
                    ranges.Include(result.Name, ((DenseTensor<float>)result.AsTensor<float>()).Buffer.Span);
                ranges.Include(input, tensor.Buffer.Span);
                images++;
            }
        }
        if (images == 0) throw new FileNotFoundException("no bundled photos (testdata/sample*.jpg) next to the benchmark");
        string header = $"u2netp activation ranges for tools/ModelQuantizer, written by `Plugins.Benchmarks calibrate-u2netp`\n" +
            $"from {images} views of the bundled photos (each photo whole and 12 crops), prepared as PersonSegmenter prepares a photo.\n" +
            $"u2netp.onnx sha256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(modelBytes))}";
        string temp = output + ".tmp";
        File.WriteAllText(temp, ranges.Format(header));
        File.Move(temp, output, overwrite: true);
        Console.WriteLine($"{ranges.Ranges.Count} activation ranges from {images} views -> {output}");
        return 0;
    }

    /// <summary>The photo, then crops of each shape at the left, centre and right.</summary>
    private static IEnumerable<PlanarImage> Views(PlanarImage photo)
    {
        yield return photo;
        foreach (var (fw, fh) in Crops)
        {
            int w = (int)(photo.Width * fw), h = (int)(photo.Height * fh), y = (photo.Height - h) / 2;
            foreach (int x in new[] { 0, (photo.Width - w) / 2, photo.Width - w })
                yield return Resampler.Resize(photo, x, y, w, h, PersonSegmenter.InputSize, PersonSegmenter.InputSize);
        }
    }
}
