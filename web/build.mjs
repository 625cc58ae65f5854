// Bundles the app with esbuild into the gateway's static resources (target/classes/static, inside the web jar the
// gateway depends on): hashed file names for the script and the style sheet, an index.html naming them.
//   node build.mjs [--out DIR] [--watch]
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const args = process.argv.slice(2);
const out = path.resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : 'target/classes/static');
const watch = args.includes('--watch');

const options = {
  entryPoints: ['src/main.jsx', 'src/styles.css'],
  bundle: true,
  outdir: path.join(out, 'assets'),
  entryNames: watch ? '[name]' : '[name]-[hash]',
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: !watch,
  sourcemap: true,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'linked',
};

async function page(metafile) {
  const outputs = Object.entries(metafile.outputs);
  const name = (entry) => path.basename(outputs.find(([, o]) => o.entryPoint === entry)[0]);
  const html = (await readFile('src/index.html', 'utf8'))
      .replace('%SCRIPT%', `/assets/${name('src/main.jsx')}`)
      .replace('%STYLE%', `/assets/${name('src/styles.css')}`);
  await writeFile(path.join(out, 'index.html'), html);
}

await rm(path.join(out, 'assets'), { recursive: true, force: true });
await mkdir(out, { recursive: true });
if (watch) {
  const ctx = await esbuild.context({ ...options, plugins: [{ name: 'page', setup(b) { b.onEnd((r) => r.metafile && page(r.metafile)); } }] });
  await ctx.watch();
  console.log(`watching; writing ${out}`);
} else {
  const result = await esbuild.build(options);
  await page(result.metafile);
  const bytes = Object.values(result.metafile.outputs).filter((o) => o.entryPoint).reduce((n, o) => n + o.bytes, 0);
  console.log(`web: ${out} (${Math.round(bytes / 1024)} KiB of script and style)`);
}
