/**
 * Regression: `npm ci` printed EBADENGINE for dependencies that need Node.js 22 (`cookie` 2,
 * `content-disposition` 3) while package.json promises 20.19. Every installed package must accept
 * the oldest Node.js the root package.json accepts; the root's `overrides` pin API-compatible
 * releases where a dependency asks for a newer one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const readJson = (file: string) => JSON.parse(readFileSync(`${ROOT}${file}`, 'utf8'));

describe('engines', () => {
  it('regression: every locked dependency runs on the oldest Node.js that package.json accepts', () => {
    const range: string = readJson('package.json').engines.node;
    const oldest = semver.minVersion(range)?.version;
    expect(oldest, `engines.node "${range}"`).toBeTruthy();
    const lock = readJson('package-lock.json') as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path.includes('node_modules/'))
      .flatMap(([path, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return node && !semver.satisfies(oldest ?? '', node, { includePrerelease: true })
          ? [
              `${path.slice(path.lastIndexOf('node_modules/') + 13)}@${entry.version} wants node ${node}`,
            ]
          : [];
      });
    expect(refusing).toEqual([]);
  });
});
