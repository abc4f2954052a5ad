/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy next to every JavaScript,
 * CSS, JSON and HTML file of a build, each only when it is smaller than the original, so that the
 * registry can serve them as they are (`Content-Encoding`) without compressing per request. The
 * copies are added after every other plugin, `phase.json` included: the integrity hashes stay over
 * the uncompressed bytes, which is what a browser hashes after decoding a response.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Compiler } from '@rspack/core';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Files worth compressing; maps, images and fonts are left alone. */
export const PRECOMPRESSED = /\.(?:js|mjs|css|json|html)$/;

/** The `.br` and `.gz` copies of `bytes` that are smaller than it, by file suffix. */
export async function precompress(bytes: Buffer): Promise<Record<'.br' | '.gz', Buffer | null>> {
  const [br, gzipped] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return {
    '.br': br.length < bytes.length ? br : null,
    '.gz': gzipped.length < bytes.length ? gzipped : null,
  };
}

export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.rspack;
    compiler.hooks.thisCompilation.tap('CoursekitPrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        // Last of all: the copies are of the final bytes, and no descriptor lists them.
        {
          name: 'CoursekitPrecompressPlugin',
          stage: Compilation.PROCESS_ASSETS_STAGE_REPORT + 100,
        },
        async () => {
          const assets = compilation.getAssets().filter((asset) => PRECOMPRESSED.test(asset.name));
          await Promise.all(
            assets.map(async (asset) => {
              const copies = await precompress(asset.source.buffer());
              for (const [suffix, bytes] of Object.entries(copies)) {
                if (bytes)
                  compilation.emitAsset(`${asset.name}${suffix}`, new sources.RawSource(bytes));
              }
            }),
          );
        },
      );
    });
  }
}
