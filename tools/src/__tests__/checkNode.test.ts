/** The version check that runs before `npm start`, `npm test` and `.ci/run` install anything. */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../checkNode.cjs', import.meta.url));
const { nodeVersionProblem } = createRequire(import.meta.url)(SCRIPT) as {
  nodeVersionProblem(version: string, range: string): string | null;
};

describe('checkNode', () => {
  it('accepts the minimum and anything newer', () => {
    for (const version of ['20.19.0', 'v20.20.2', '21.0.0', '22.12.0', '24.1.0']) {
      expect(nodeVersionProblem(version, '>=20.19.0'), version).toBeNull();
    }
  });

  it('says which version is needed and how to get it', () => {
    expect(nodeVersionProblem('20.18.3', '>=20.19.0')).toMatch(
      /Coursekit needs Node\.js 20\.19\.0 or newer .*this is Node\.js 20\.18\.3\. Install/,
    );
    expect(nodeVersionProblem('v18.20.0', '>=20.19.0')).toContain('this is Node.js 18.20.0');
  });

  it('passes on this machine, which runs the suite', () => {
    expect(() => execFileSync(process.execPath, [SCRIPT])).not.toThrow();
  });
});
