/**
 * The part of the Module Federation runtime the PhaseLoader uses, behind an interface so that unit
 * tests can replace it (the browser tests load real remotes). `register` replaces a remote's
 * registration cleanly: it drops everything the runtime cached for the name (its manifest, its
 * container and entry promise, its instance and share-scope entries, the global its entry script
 * set) and the chunks the remote's own runtime kept, so that the next load fetches and evaluates
 * everything again, without the runtime's "already registered" warning that `force` prints.
 */
import type { PhasePreload } from '@coursekit/phase-sdk/contract';
import { getInstance, loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import { insertPreloadLinks } from './insertPreloadLinks';

export interface FederationRuntime {
  /** Register `name` at `entry` (an `mf-manifest.json` URL), forgetting any earlier registration. */
  register(name: string, entry: string): void;
  /** Load `<name>/<expose>` from the registered remote. */
  load(name: string, expose: string): Promise<unknown>;
  /**
   * Start downloading a remote's first-render files ahead of `load`. A runtime with its phases
   * built in (the bench's monolith baseline) downloads nothing.
   */
  preload(files: readonly PhasePreload[]): void;
}

interface RegisteredRemote {
  name: string;
  entry?: string;
}

/** `removeRemote` is public in the runtime's code but private in its typings. */
interface RemoteHandlerWithRemove {
  removeRemote(remote: RegisteredRemote): void;
}

/**
 * The chunk registries (`self.rspackChunk<uniqueName>`) of every build of this phase: the phase
 * build names its `uniqueName` `coursekit_<phase>_<version>`. Without this a re-evaluated entry
 * would take the chunks of the previous evaluation instead of loading them again.
 */
function dropChunkRegistries(name: string): void {
  const prefix = `coursekit_${name.replace(/[^a-zA-Z0-9_]/g, '_')}_`;
  const global = globalThis as unknown as Record<string, unknown>;
  for (const key of Object.keys(global)) {
    if (key.startsWith(`rspackChunk${prefix}`) || key.startsWith(`webpackChunk${prefix}`)) {
      delete global[key];
    }
  }
}

export const mfFederationRuntime: FederationRuntime = {
  register(name, entry) {
    const instance = getInstance();
    const existing = instance?.options.remotes.find((remote) => remote.name === name);
    if (instance && existing) {
      (instance.remoteHandler as unknown as RemoteHandlerWithRemove).removeRemote(existing);
      dropChunkRegistries(name);
    }
    registerRemotes([{ name, entry }]);
  },
  load(name, expose) {
    return loadRemote<unknown>(`${name}/${expose}`);
  },
  preload(files) {
    insertPreloadLinks(files);
  },
};
