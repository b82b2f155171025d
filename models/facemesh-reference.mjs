// Runs the original face mesh network (the TF.js graph of MediaPipe FaceMesh shipped in
// @vladmandic/human, staged at artifacts/assets/reference/facemesh.{json,bin}) on raw inputs with
// the pure-JavaScript CPU backend of @tensorflow/tfjs, so our converted face_mesh.onnx can be
// checked against the network in its own runtime. No native code, no network.
//
// Usage: node models/facemesh-reference.mjs <facemesh.json> <in.f32> <out.f32> [<in.f32> <out.f32> ...]
//   in.f32:  192*192*3 little-endian float32, NHWC (row by row, R G B per pixel), values in [0, 1]
//   out.f32: 1405 float32: the 1404 mesh values (468 x, y, z in crop pixels), then the face flag
//            (the graph's output_faceflag, already passed through a sigmoid)
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

const SIZE = 192;
const args = process.argv.slice(2);
if (args.length < 3 || args.length % 2 !== 1) {
  console.error('usage: node facemesh-reference.mjs <facemesh.json> <in.f32> <out.f32> [<in.f32> <out.f32> ...]');
  process.exit(2);
}

function fail(message) {
  console.error(`facemesh-reference: ${message}`);
  process.exit(1);
}

async function loadGraph(jsonPath) {
  const json = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
  if (!json.modelTopology || !json.weightsManifest) fail(`${jsonPath}: not a TF.js graph model (modelTopology/weightsManifest missing)`);
  const dir = path.dirname(jsonPath);
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
  const shards = json.weightsManifest.flatMap((group) => group.paths).map((p) => fs.readFileSync(path.join(dir, p)));
  const all = Buffer.concat(shards);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }));
}

await tf.setBackend('cpu');
const model = await loadGraph(args[0]);
const outputNames = ['Identity_2:0', 'Identity_1:0']; // output_mesh, output_faceflag (model signature)

for (let i = 1; i < args.length; i += 2) {
  const [input, output] = [args[i], args[i + 1]];
  const bytes = fs.readFileSync(input);
  if (bytes.length !== SIZE * SIZE * 3 * 4) fail(`${input}: ${bytes.length} bytes, expected ${SIZE * SIZE * 3 * 4} (192x192x3 float32)`);
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const x = tf.tensor4d(values, [1, SIZE, SIZE, 3]);
  const [mesh, flag] = model.execute({ input_1: x }, outputNames);
  const result = new Float32Array(1405);
  result.set(mesh.dataSync(), 0);
  result[1404] = flag.dataSync()[0];
  tf.dispose([x, mesh, flag]);
  const temp = `${output}.${process.pid}.tmp`;
  fs.writeFileSync(temp, Buffer.from(result.buffer));
  fs.renameSync(temp, output);
}
