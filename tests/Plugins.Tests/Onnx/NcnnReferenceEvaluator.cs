using RetouchPlugins.NcnnConverter;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>
/// A straightforward CPU evaluation of a decoded ncnn graph (the layers as ncnn defines them, loop by loop, in
/// double), independent of the ONNX the converter writes: the reference the converted Real-ESRGAN models are
/// checked against. Blobs are CHW arrays; only the layer types of the Real-ESRGAN models.
/// </summary>
internal static class NcnnReferenceEvaluator
{
    private sealed record Blob(int C, int H, int W, double[] V)
    {
        public double this[int c, int y, int x] => V[(c * H + y) * W + x];
    }

    /// <summary>The graph's output blob for a CHW input of <paramref name="channels"/> × <paramref name="height"/> × <paramref name="width"/>.</summary>
    public static float[] Run(NcnnModel model, float[] input, int channels, int height, int width, out int outC, out int outH, out int outW)
    {
        var blobs = new Dictionary<string, Blob>();
        Blob last = null!;
        foreach (var layer in model.Layers)
        {
            Blob In(int i) => blobs[layer.Inputs[i]];
            Blob y = layer.Type switch
            {
                "Input" => new Blob(channels, height, width, Array.ConvertAll(input, v => (double)v)),
                "Split" => In(0),
                "Convolution" => Convolution(layer, In(0)),
                "PReLU" => Prelu(layer, In(0)),
                "PixelShuffle" => PixelShuffle(layer.Int(0, 1), In(0)),
                "Interp" => Nearest(In(0), (int)layer.Float(1, 1), (int)layer.Float(2, 1)),
                "BinaryOp" => Sum(In(0), 1, In(1), 1),
                "Eltwise" => Sum(In(0), layer.Array(1)[0], In(1), layer.Array(1)[1]),
                "Concat" => Concat(layer.Inputs.Select(b => blobs[b]).ToArray()),
                _ => throw new NotSupportedException(layer.Type),
            };
            if (layer.Type is "BinaryOp" && layer.Int(0, 0) != 0) throw new NotSupportedException("BinaryOp other than add");
            if (layer.Type is "Eltwise" && (layer.Int(0, 1) != 1 || layer.Inputs.Length != 2)) throw new NotSupportedException("Eltwise other than a sum of two");
            foreach (var o in layer.Outputs) blobs[o] = y;
            last = y;
        }
        (outC, outH, outW) = (last.C, last.H, last.W);
        return Array.ConvertAll(last.V, v => (float)v);
    }

    private static Blob Convolution(NcnnLayer l, Blob x)
    {
        int o = l.Int(0, 0), k = l.Int(1, 0), pad = l.Int(4, 0);
        if (l.Int(3, 1) != 1 || l.Int(2, 1) != 1 || l.Int(11, k) != k) throw new NotSupportedException("stride, dilation or non-square kernel");
        var w = l.Weights!;
        int ci = w.Length / (o * k * k);
        int h = x.H + 2 * pad - k + 1, wd = x.W + 2 * pad - k + 1;
        var y = new double[o * h * wd];
        Parallel.For(0, o, oc =>
        {
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < wd; xx++)
                {
                    double s = l.Bias is null ? 0 : l.Bias[oc];
                    for (int c = 0; c < ci; c++)
                        for (int ky = 0; ky < k; ky++)
                        {
                            int sy = yy + ky - pad;
                            if (sy < 0 || sy >= x.H) continue;
                            for (int kx = 0; kx < k; kx++)
                            {
                                int sx = xx + kx - pad;
                                if (sx < 0 || sx >= x.W) continue;
                                s += w[((oc * ci + c) * k + ky) * k + kx] * x[c, sy, sx];
                            }
                        }
                    if (l.Int(9, 0) == 2 && s < 0) s *= l.Array(10)[0]; // LeakyReLU
                    else if (l.Int(9, 0) == 1 && s < 0) s = 0;         // ReLU
                    y[(oc * h + yy) * wd + xx] = s;
                }
        });
        return new Blob(o, h, wd, y);
    }

    private static Blob Prelu(NcnnLayer l, Blob x)
    {
        var slopes = l.Weights!;
        var y = new double[x.V.Length];
        for (int c = 0; c < x.C; c++)
            for (int i = 0; i < x.H * x.W; i++)
            {
                double v = x.V[c * x.H * x.W + i];
                y[c * x.H * x.W + i] = v >= 0 ? v : v * slopes[slopes.Length == 1 ? 0 : c];
            }
        return x with { V = y };
    }

    /// <summary>ncnn PixelShuffle mode 0 (PyTorch): out[c, y·r + i, x·r + j] = in[c·r² + i·r + j, y, x].</summary>
    private static Blob PixelShuffle(int r, Blob x)
    {
        int c2 = x.C / (r * r), h = x.H * r, w = x.W * r;
        var y = new double[c2 * h * w];
        for (int c = 0; c < c2; c++)
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < w; xx++)
                    y[(c * h + yy) * w + xx] = x[c * r * r + (yy % r) * r + xx % r, yy / r, xx / r];
        return new Blob(c2, h, w, y);
    }

    private static Blob Nearest(Blob x, int sh, int sw)
    {
        int h = x.H * sh, w = x.W * sw;
        var y = new double[x.C * h * w];
        for (int c = 0; c < x.C; c++)
            for (int yy = 0; yy < h; yy++)
                for (int xx = 0; xx < w; xx++)
                    y[(c * h + yy) * w + xx] = x[c, yy / sh, xx / sw];
        return new Blob(x.C, h, w, y);
    }

    private static Blob Sum(Blob a, double ka, Blob b, double kb)
    {
        if (a.V.Length != b.V.Length) throw new InvalidDataException("sum of blobs of different sizes");
        var y = new double[a.V.Length];
        for (int i = 0; i < y.Length; i++) y[i] = ka * a.V[i] + kb * b.V[i];
        return a with { V = y };
    }

    private static Blob Concat(Blob[] parts) =>
        new(parts.Sum(p => p.C), parts[0].H, parts[0].W, parts.SelectMany(p => p.V).ToArray());
}
