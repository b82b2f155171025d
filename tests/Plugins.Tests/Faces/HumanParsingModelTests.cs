using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Onnx;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Standalone.Commands;

namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// The user-supplied human-parsing option on real photos, with small ONNX graphs (a 1x1 convolution of the
/// normalised input) whose class scores are known: the analyzer must take body skin from the model alone
/// (not add the colour model), feed it RGB with the ImageNet normalisation, sum the chosen classes'
/// softmax, keep it on the person, and name the file when the model breaks the contract.
/// </summary>
public sealed class HumanParsingModelTests : IDisposable
{
    private const int Size = 256;
    // The published ImageNet statistics, written out here so the test does not share the implementation's constants.
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Deviation = [0.229f, 0.224f, 0.225f];
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-parsing-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>scores[c] = Σ_k weights[c, k]·input[k] + bias[c], at the input's size.</summary>
    private string ConvModel(string name, float[] weights, float[] bias)
    {
        int classes = bias.Length;
        var g = new OnnxGraphBuilder(name);
        var x = g.Input("image", [1, 3, Size, Size]);
        var y = g.Node("Conv", [x, g.Constant(weights, [classes, 3, 1, 1]), g.Constant(bias, [classes])]);
        g.Identity(y, "scores");
        g.Output("scores", [1, classes, Size, Size]);
        var path = Path.Combine(_dir, name + ".onnx");
        File.WriteAllBytes(path, g.ToBytes());
        return path;
    }

    private static PortraitAnalysis Analyze(int sample, ParsingOptions? parsing)
    {
        using var analyzer = PortraitAnalyzer.Open(parsing: parsing);
        return analyzer.Analyze(FaceTestData.Photo(sample), null);
    }

    [Fact]
    public void A_model_that_calls_the_whole_person_skin_makes_the_person_skin_and_nothing_else()
    {
        // Sample 3 has the cream jacket the colour model cannot leave out: here the model, not colour, decides.
        var model = ConvModel("all_skin", new float[6], [0, 12]);
        var analysis = Analyze(3, new ParsingOptions(model, [1]));
        var person = analysis.PersonMask!.Data; var skin = analysis.SkinMask.Data; var features = analysis.FeatureMask.Data;
        int inside = 0, low = 0, outside = 0;
        for (int i = 0; i < skin.Length; i++)
        {
            if (person[i] < 0.35f)
            {
                outside++;
                Assert.True(skin[i] == 0, $"skin {skin[i]} at pixel {i}, person mask {person[i]}");
            }
            else if (person[i] >= 0.9f && features[i] == 0)
            {
                inside++;
                if (skin[i] < 0.95f) low++;
            }
        }
        Assert.True(inside > 200_000 && outside > 200_000, $"{inside} person and {outside} background pixels");
        Assert.True(low < inside / 100, $"{low} of {inside} person pixels below 0.95");
    }

    [Fact]
    public void A_model_that_finds_no_skin_leaves_exactly_the_face_skin()
    {
        var colourModel = Analyze(5, null);
        var model = ConvModel("no_skin", new float[6], [12, 0]);
        var parsed = Analyze(5, new ParsingOptions(model, [1]));
        Assert.Equal(parsed.FaceSkinMask.Data, parsed.SkinMask.Data);
        // The colour model does add body skin on this photo (the right woman's forearm), so the parsing model replaced it.
        var (x, y) = (1700, 1100);
        Assert.True(colourModel.SkinMask.Data[y * colourModel.Width + x] >= 0.5f);
        Assert.Equal(0f, parsed.SkinMask.Data[y * parsed.Width + x]);
    }

    [Fact]
    public void The_model_sees_RGB_with_the_ImageNet_normalisation_and_its_chosen_class_is_summed()
    {
        // Class 2 scores k·(r − b − 0.12) in photo units (the weights undo the normalisation), classes 0 and 1 score 0.
        // Fed BGR, or without the normalisation, warm areas would score low and blue ones high.
        const float k = 60, threshold = 0.12f;
        float[] weights = [0, 0, 0, 0, 0, 0, k * Deviation[0], 0, -k * Deviation[2]];
        float[] bias = [0, 0, k * (Mean[0] - Mean[2] - threshold)];
        var model = ConvModel("warm_is_skin", weights, bias);
        var photo = FaceTestData.Photo(4);
        var analysis = Analyze(4, new ParsingOptions(model, [2]));

        int w = photo.Width, h = photo.Height, n = photo.PlaneSize, warm = 0, cool = 0;
        var person = analysis.PersonMask!.Data; var skin = analysis.SkinMask.Data;
        var face = analysis.FaceSkinMask.Data; var features = analysis.FeatureMask.Data;
        var warmth = new PlanarImage(w, h, 1);
        for (int i = 0; i < n; i++) warmth.Data[i] = photo.Data[i] - photo.Data[2 * n + i];
        const int r = 10; // the model's 256 px grid is 7.5 photo pixels here: judge only areas even over 21x21 px
        for (int y = r; y < h - r; y += 5)
            for (int x = r; x < w - r; x += 5)
            {
                int i = y * w + x;
                if (person[i] < 0.9f || face[i] > 0 || features[i] > 0) continue;
                float lo = float.MaxValue, hi = float.MinValue;
                for (int dy = -r; dy <= r; dy += 2)
                    for (int dx = -r; dx <= r; dx += 2)
                    {
                        float v = warmth.Data[(y + dy) * w + x + dx];
                        lo = MathF.Min(lo, v); hi = MathF.Max(hi, v);
                    }
                if (lo > threshold + 0.1f) { warm++; Assert.True(skin[i] >= 0.9f, $"warm area at {x},{y}: skin {skin[i]}"); }
                else if (hi < threshold - 0.1f) { cool++; Assert.True(skin[i] <= 0.1f, $"cool area at {x},{y}: skin {skin[i]}"); }
            }
        Assert.True(warm > 100 && cool > 100, $"{warm} warm and {cool} cool samples on the person");
    }

    [Fact]
    public void A_skin_class_the_model_does_not_have_is_refused_naming_the_file()
    {
        var model = ConvModel("two_classes", new float[6], [0, 0]);
        using var environment = new OnnxRuntimeEnvironment();
        var e = Assert.Throws<InvalidDataException>(() => new HumanParsingModel(environment, new ParsingOptions(model, [1, 14])));
        Assert.Contains(model, e.Message);
        Assert.Contains("class 14 is out of range", e.Message);
    }

    [Fact]
    public void An_output_that_is_not_class_scores_is_refused_naming_the_file()
    {
        var g = new OnnxGraphBuilder("flat");
        var x = g.Input("image", [1, 3, Size, Size]);
        g.Identity(g.Node("Reshape", [x, g.Int64Constant([1, -1])]), "flat");
        g.Output("flat", [1, 3 * Size * Size]);
        var path = Path.Combine(_dir, "flat.onnx");
        File.WriteAllBytes(path, g.ToBytes());
        using var environment = new OnnxRuntimeEnvironment();
        var e = Assert.Throws<InvalidDataException>(() => new HumanParsingModel(environment, new ParsingOptions(path)));
        Assert.Contains(path, e.Message);
        Assert.Contains("[1, classes, h, w]", e.Message);
    }

    [Fact]
    public void The_faces_command_names_a_broken_parsing_model_and_exits_2_like_any_unreadable_input()
    {
        var path = Path.Combine(_dir, "not-a-model.onnx");
        File.WriteAllText(path, "this is not an ONNX file");
        var error = new StringWriter();
        int code = FacesCommand.Run(FaceTestData.PhotoPath(1), null, json: false, includeMesh: false, masksFolder: null,
            new StringWriter(), error, new ParsingOptions(path));
        Assert.Equal(FacesCommand.BadInput, code);
        Assert.Contains(path, error.ToString());
    }

    [Theory]
    [InlineData("13,14,15,16,17", new[] { 13, 14, 15, 16, 17 })]
    [InlineData(" 2 , 11 ", new[] { 2, 11 })]
    public void Skin_classes_are_read_from_a_comma_list(string text, int[] expected) =>
        Assert.Equal(expected, ParsingOptions.ParseClasses(text));

    [Theory]
    [InlineData("13,arm")]
    [InlineData("-1")]
    [InlineData(",")]
    public void A_bad_class_list_is_refused_naming_the_entry(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ParsingOptions.ParseClasses(text));
        Assert.Contains(text.Trim(','), e.Message);
    }
}
