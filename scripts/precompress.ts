/*
 * Post-build step of `npm run build:admin`: writes a brotli (.br) and a gzip (.gz) copy beside every
 * compressible file of the admin build, at the highest levels — once per build instead of once per
 * request. The api serves them through @fastify/static's `preCompressed` (apps/api/src/pages/admin-app.ts).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Text formats a build emits; images and fonts are compressed already. */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.svg',
  '.json',
  '.txt',
  '.map',
  '.xml',
  '.ico',
]);

export interface PrecompressedFile {
  /** Path relative to the build folder. */
  path: string;
  bytes: number;
  br: number | null;
  gzip: number | null;
}

/**
 * Compresses every compressible file under `dir` (recursively) of at least `minBytes`. A copy that
 * would not be smaller than the original is not written, so the server falls back to the original.
 */
export async function precompressDirectory(dir: string, minBytes = 1024): Promise<PrecompressedFile[]> {
  const written: PrecompressedFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.has(extname(entry.name))) continue;
    const file = join(entry.parentPath, entry.name);
    const content = await readFile(file);
    if (content.length < minBytes) continue;
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gzip = gzipSync(content, { level: constants.Z_BEST_COMPRESSION });
    const result: PrecompressedFile = {
      path: relative(dir, file),
      bytes: content.length,
      br: null,
      gzip: null,
    };
    if (br.length < content.length) {
      await writeFile(`${file}.br`, br);
      result.br = br.length;
    }
    if (gzip.length < content.length) {
      await writeFile(`${file}.gz`, gzip);
      result.gzip = gzip.length;
    }
    written.push(result);
  }
  return written;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: precompress <build folder>\n');
    process.exit(64);
  }
  precompressDirectory(dir)
    .then((files) => {
      for (const f of files) {
        process.stdout.write(
          `precompressed ${f.path}: ${f.bytes} B, br ${f.br ?? '-'} B, gzip ${f.gzip ?? '-'} B\n`,
        );
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`precompress failed: ${String(error)}\n`);
      process.exit(1);
    });
}
