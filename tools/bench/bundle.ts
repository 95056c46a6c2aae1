import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Minified + gzip size of the engine as a content script would bundle it. */
export async function benchBundle(): Promise<void> {
  const result = await build({
    stdin: { contents: "export { scan } from './shared/detect/index.ts';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    target: 'es2022',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  console.log('\n== Engine bundle (built-in recognizers, esbuild --minify) ==');
  console.log(`minified ${(code.length / 1024).toFixed(1)} KB, gzip ${(gzipSync(code).length / 1024).toFixed(1)} KB`);
}
