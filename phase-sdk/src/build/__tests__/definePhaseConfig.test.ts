/** The build helper applies the platform's rules whatever the mode. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definePhaseConfig } from '../index.js';

const introCourse = fileURLToPath(new URL('../../../../phases/intro-course', import.meta.url));

describe('definePhaseConfig', () => {
  it('regression: a phase built in development mode renders in a production host (jsxDEV crashed there)', () => {
    const config = definePhaseConfig({ projectDir: introCourse, mode: 'development' });
    const rules = JSON.stringify(config.module?.rules);
    // The dev JSX runtime calls React internals a production React does not have.
    expect(rules).toContain('"development":false');
    expect(rules).not.toContain('"development":true');
  });

  it("regression: a development build needs no eval(), which the host page's CSP does not allow", () => {
    const config = definePhaseConfig({ projectDir: introCourse, mode: 'development' });
    expect(String(config.devtool)).not.toContain('eval');
  });

  it('refuses a configSchema that is not the schema of an object, naming what it got', () => {
    expect(() =>
      definePhaseConfig({ projectDir: introCourse, configSchema: { type: 'array' } }),
    ).toThrow(/configSchema must be a JSON Schema of an object .* got type "array"/);
  });

  it('writes the configSchema into phase.json', () => {
    const configSchema = { type: 'object', properties: { steps: { type: 'array' } } };
    const config = definePhaseConfig({ projectDir: introCourse, configSchema });
    const plugin = config.plugins?.find((p) => p?.constructor.name === 'PhaseDescriptorPlugin');
    expect(JSON.stringify(plugin)).toContain(JSON.stringify(configSchema));
  });
});
