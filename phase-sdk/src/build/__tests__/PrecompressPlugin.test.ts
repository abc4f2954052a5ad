/** Build-time compression keeps the bytes and never writes a copy larger than the original. */
import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PRECOMPRESSED, precompress } from '../index.js';

describe('precompress', () => {
  it('writes .br and .gz copies that decode to the original bytes', async () => {
    const original = Buffer.from('export const answer = 42;\n'.repeat(200));
    const copies = await precompress(original);
    expect(copies['.br']).not.toBeNull();
    expect(copies['.gz']).not.toBeNull();
    expect(brotliDecompressSync(copies['.br'] as Buffer).equals(original)).toBe(true);
    expect(gunzipSync(copies['.gz'] as Buffer).equals(original)).toBe(true);
  });

  it('skips a copy that would be larger than the original', async () => {
    const copies = await precompress(randomBytes(64));
    expect(copies).toEqual({ '.br': null, '.gz': null });
  });

  it('compresses scripts, styles, JSON and HTML, not source maps', () => {
    for (const file of ['main.1234567890.js', 'a.css', 'phase.json', 'index.html']) {
      expect(PRECOMPRESSED.test(file)).toBe(true);
    }
    expect(PRECOMPRESSED.test('main.1234567890.js.map')).toBe(false);
  });
});
