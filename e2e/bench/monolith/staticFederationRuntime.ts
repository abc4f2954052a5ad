/**
 * The monolith baseline's stand-in for the host's Module Federation runtime: the intro-course
 * phase is part of the bundle, imported statically, so "loading" it is handing over the module.
 * Every other line of the host runs unchanged.
 */
import * as introCourse from '../../../phases/intro-course/src/index';

const built: Record<string, unknown> = { 'intro-course': introCourse };

export const mfFederationRuntime = {
  register(_name: string, _entry: string): void {},
  /** Its phases are built in: their remote files are never needed, so nothing is downloaded. */
  preload(_files: readonly unknown[]): void {},
  async load(name: string, _expose: string): Promise<unknown> {
    const module = built[name];
    if (!module)
      throw new Error(`The monolith baseline has only intro-course built in, not ${name}.`);
    return module;
  },
};
