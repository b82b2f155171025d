using System.Security.Cryptography;
using RetouchPlugins.Shaders.Onnx.Proto;
using RetouchPlugins.Shared.Assets;

namespace RetouchPlugins.Tests.Faces;

/// <summary>The face_mesh.onnx the build converted and copied to models/: contract and provenance.</summary>
public class FaceMeshModelTests
{
    [Fact]
    public void ShippedModelKeepsTheOriginalContractAndNamesItsSource()
    {
        var catalog = AssetCatalog.ForApplication();
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(catalog.ModelPath("face_mesh.onnx")));

        Assert.Equal(17, model.OpsetImport.Single().Version);
        var input = Assert.Single(model.Graph.Input);
        Assert.Equal("input_1", input.Name);
        Assert.Equal([1L, 192, 192, 3], input.Type.TensorType.Shape.Dim.Select(d => d.DimValue));
        Assert.Equal(["conv2d_21", "conv2d_31"], model.Graph.Output.Select(o => o.Name));
        Assert.Equal([1L, 1, 1, 1404], model.Graph.Output[0].Type.TensorType.Shape.Dim.Select(d => d.DimValue));

        // Only the ops the converter emits; one Transpose in, one per output.
        var ops = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Subset(new HashSet<string> { "Transpose", "Conv", "PRelu", "Add", "MaxPool", "Pad", "Identity", "Relu", "Clip" }, ops.Keys.ToHashSet());
        Assert.Equal(3, ops["Transpose"]);
        Assert.Equal(45, ops["Conv"]); // 25 CONV_2D + 20 DEPTHWISE_CONV_2D
        Assert.Equal(23, ops["PRelu"]);

        var meta = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value);
        string source = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(catalog.ModelPath("face_landmark.tflite"))));
        Assert.Equal(source, meta["source_sha256"]);
        Assert.Equal("Apache-2.0", meta["licence"]);
    }
}
