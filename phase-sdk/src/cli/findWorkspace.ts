/**
 * Find the npm workspace (monorepo) around a folder, its packages, and the ports they already use,
 * so that a new phase gets a free name and free ports and is installed from the workspace root.
 * Workspace patterns are read as npm does for the common forms: `dir` and `dir/*`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface WorkspacePackage {
  dir: string;
  name: string;
  /** `coursekit.phase` of its package.json, when it is a phase. */
  phase: string | undefined;
}

export interface Workspace {
  root: string;
  patterns: string[];
  packages: WorkspacePackage[];
}

interface Manifest {
  name?: string;
  workspaces?: string[] | { packages?: string[] };
  coursekit?: { phase?: string };
}

function readManifest(dir: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** The nearest folder at or above `from` whose package.json declares workspaces. */
export function findWorkspace(from: string): Workspace | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = readManifest(dir);
    const declared = manifest?.workspaces;
    if (declared) {
      const patterns = Array.isArray(declared) ? declared : (declared.packages ?? []);
      return { root: dir, patterns, packages: listPackages(dir, patterns) };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function listPackages(root: string, patterns: string[]): WorkspacePackage[] {
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(join(parent, entry.name));
      }
    } else if (!pattern.includes('*')) {
      dirs.push(join(root, pattern));
    }
  }
  const packages: WorkspacePackage[] = [];
  for (const dir of dirs) {
    const manifest = readManifest(dir);
    if (manifest?.name)
      packages.push({ dir, name: manifest.name, phase: manifest.coursekit?.phase });
  }
  return packages;
}

/** Whether `dir` is matched by one of the workspace's patterns (so `npm install` links it). */
export function isWorkspaceMember(workspace: Workspace, dir: string): boolean {
  const path = relative(workspace.root, resolve(dir)).split(sep).join('/');
  return workspace.patterns.some((pattern) =>
    pattern.endsWith('/*') ? dirname(path) === pattern.slice(0, -2) : path === pattern,
  );
}

/** Ports the workspace's phases already claim: rspack dev ports and phase-server default ports. */
export function usedPorts(packages: readonly WorkspacePackage[]): Set<number> {
  const ports = new Set<number>();
  const scan = (file: string, pattern: RegExp) => {
    if (!existsSync(file)) return;
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) ports.add(Number(match[1]));
  };
  for (const pkg of packages) {
    scan(join(pkg.dir, 'rspack.config.mjs'), /devPort:\s*(\d+)/g);
    scan(join(pkg.dir, 'server', 'src', 'server.ts'), /\bport:\s*(\d+)/g);
    // Phase servers scaffolded before the SDK's kit kept their port in their own config.ts.
    scan(join(pkg.dir, 'server', 'src', 'config.ts'), /PORT:[^\n]*\.default\((\d+)\)/g);
  }
  return ports;
}
