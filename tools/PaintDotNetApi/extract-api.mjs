// Turns the Paint.NET API reference pages listed in pages.txt (paintdotnet/apidocs, docfx HTML) into one line per
// declaration: "assembly<TAB>namespace.Type<TAB>declaration". The plugin's member-reference test reads that file,
// so the surface we compile against is checked against Paint.NET's own published signatures, not our memory.
// Usage: node tools/PaintDotNetApi/extract-api.mjs <apidocs checkout> > tests/Plugins.Tests/PaintDotNet/paintdotnet-api.txt
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2];
if (!root) { console.error('usage: extract-api.mjs <apidocs checkout>'); process.exit(2); }
const here = dirname(fileURLToPath(import.meta.url));
const pages = readFileSync(join(here, 'pages.txt'), 'utf8').split('\n').map(l => l.trim()).filter(l => l && !l.startsWith('#'));
const decode = s => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ').trim();
let failed = false;
for (const page of pages) {
  const file = join(root, 'docs', 'api', page + '.html');
  if (!existsSync(file)) { console.error(`${file}: no such page`); failed = true; continue; }
  const html = readFileSync(file, 'utf8');
  const assembly = decode((html.match(/Assembly<\/dt>\s*<dd>([^<]*)</) || [])[1] || '').replace(/\.dll$/, '');
  const ns = decode((html.match(/Namespace<\/dt>\s*<dd>([\s\S]*?)<\/dd>/) || [])[1] || '');
  // The declaring type: the page name minus the member part for member pages.
  const typeName = page.startsWith(ns + '.') ? page.slice(ns.length + 1).split('.')[0].replace(/-(\d+)$/, '`$1') : page;
  const declarations = [...html.matchAll(/<code class="lang-csharp hljs">([\s\S]*?)<\/code>/g)].map(m => decode(m[1]));
  if (!assembly || !ns || declarations.length === 0) { console.error(`${file}: assembly, namespace or declaration not found`); failed = true; continue; }
  for (const d of declarations) console.log(`${assembly}\t${ns}.${typeName}\t${d}`);
}
process.exit(failed ? 1 : 0);
