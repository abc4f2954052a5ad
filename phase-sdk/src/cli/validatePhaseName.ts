/**
 * Check a requested phase name before anything is written: it must be a valid phase name of the
 * contract (which also makes `@coursekit/phase-<name>` a valid npm name) and must not be taken by a
 * package of the workspace.
 */
import { PhaseName } from '../contract/index.js';
import { CreatePhaseError } from './CreatePhaseError.js';
import type { WorkspacePackage } from './findWorkspace.js';

export function validatePhaseName(name: string | undefined): string {
  if (name === undefined || name === '') {
    throw new CreatePhaseError(
      'Name the phase: create-coursekit-phase <name> [--server], e.g. create-coursekit-phase peer-review.',
    );
  }
  const parsed = PhaseName.safeParse(name);
  if (!parsed.success) {
    throw new CreatePhaseError(
      `"${name}" is not a valid phase name: use ${parsed.error.issues[0]?.message ?? 'lowercase letters, digits and dashes'}.`,
    );
  }
  return parsed.data;
}

/** Refuse a name that a workspace package already uses as package or phase name. */
export function assertNameFree(name: string, packages: readonly WorkspacePackage[]): void {
  const packageName = `@coursekit/phase-${name}`;
  const taken = packages.find((pkg) => pkg.phase === name || pkg.name === packageName);
  if (taken) {
    throw new CreatePhaseError(
      `The phase name "${name}" is taken: ${taken.dir} is ${taken.name}${taken.phase ? ` (phase "${taken.phase}")` : ''}. Pick another name.`,
    );
  }
}
