using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Tests.Faces;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>The pinned networks load through the binding and answer with their documented shapes.</summary>
public class OnnxModelTests
{
    [Fact]
    public void RetinaFaceRawOutputsHaveTheDocumentedShapesOnARealPhoto()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(AssetCatalog.ForApplication().ModelPath("retinaface_mnet025_v2.onnx"));
        Assert.Equal("data: Float [1,3,640,640]", session.Input("data").ToString());
        Assert.Equal(9, session.Outputs.Count);

        // Top-left 640x640 of sample1 as raw RGB 0-255, NCHW.
        var photo = FaceTestData.Photo(1);
        var input = new float[3 * 640 * 640];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 640; y++)
                for (int x = 0; x < 640; x++)
                    input[(c * 640 + y) * 640 + x] = photo[c, x + 180, y + 160] * 255f; // centred on the left woman's face
        var outputs = session.Run([new NamedTensor("data", [1, 3, 640, 640], input)]);

        foreach (var (stride, cells) in new[] { (32, 20L), (16, 40L), (8, 80L) })
        {
            Assert.Equal([1L, 4, cells, cells], outputs[$"face_rpn_cls_prob_reshape_stride{stride}"].Shape);
            Assert.Equal([1L, 8, cells, cells], outputs[$"face_rpn_bbox_pred_stride{stride}"].Shape);
            Assert.Equal([1L, 20, cells, cells], outputs[$"face_rpn_landmark_pred_stride{stride}"].Shape);
            // the cls output is a softmax over background/face per anchor: channel a and 2+a sum to 1
            var p = outputs[$"face_rpn_cls_prob_reshape_stride{stride}"].Floats;
            long plane = cells * cells;
            for (long i = 0; i < plane; i += 97)
                Assert.Equal(1f, p[i] + p[2 * plane + i], 4);
        }
        // and the face is seen: some anchor's face probability is high (the face is about 190 px)
        float best = new[] { (32, 400), (16, 1600), (8, 6400) }
            .Max(s => outputs[$"face_rpn_cls_prob_reshape_stride{s.Item1}"].Floats.Skip(2 * s.Item2).Max());
        Assert.True(best > 0.95f, $"best face probability {best}");
    }

    [Fact]
    public void U2NetpDeclaresOneInputAndSevenMasks()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(AssetCatalog.ForApplication().ModelPath("u2netp.onnx"));
        Assert.Equal("input.1: Float [1,3,320,320]", Assert.Single(session.Inputs).ToString());
        Assert.Equal(7, session.Outputs.Count);
        Assert.All(session.Outputs, o => Assert.Equal([1L, 1, 320, 320], o.Shape));
    }
}
