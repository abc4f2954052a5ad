/**
 * Only English of zod's locales in browser builds. zod's classic API re-exports its 60-odd
 * locales as `z.locales`, and a Module Federation shared module is built whole (any phase may use
 * any export), so every page carried all of them: about a third of the zod chunk. Coursekit never
 * switches zod's locale in the browser (what people read comes from the contract's own messages),
 * so the host's and every phase's build replace zod's locale index with one that has English
 * only; `z.locales.en()` and zod's default keep working, the contract is untouched.
 *
 *   plugins: [zodEnglishOnly(), ...]
 */
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Compiler, RspackPluginInstance } from '@rspack/core';

// Compiled beside this file; its TypeScript source when the helper itself runs from source.
const ENGLISH_ONLY = ['.js', '.ts']
  .map((extension) => fileURLToPath(new URL(`./zodLocalesEnglish${extension}`, import.meta.url)))
  .find((path) => existsSync(path));
const ZOD_DIR = `${sep}node_modules${sep}zod${sep}`;

export function zodEnglishOnly(): RspackPluginInstance {
  return {
    apply(compiler: Compiler) {
      new compiler.rspack.NormalModuleReplacementPlugin(
        /^\.\.\/locales\/index\.js$/,
        (resource) => {
          if (ENGLISH_ONLY && resource.context?.includes(ZOD_DIR)) resource.request = ENGLISH_ONLY;
        },
      ).apply(compiler);
    },
  };
}
