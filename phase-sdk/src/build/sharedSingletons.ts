/**
 * The modules host and phases must share as singletons. A React context (the phase context, the
 * router, the query client) only works when host and phase get the very same module instance, so
 * this list is owned here and every build (host and phases) takes it from one place.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import type { Compiler, RspackPluginInstance } from '@rspack/core';

export const SHARED_SINGLETONS = [
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-dom/client',
  'react-router',
  '@tanstack/react-query',
  'zod',
  '@coursekit/phase-sdk',
  '@coursekit/phase-sdk/contract',
  '@coursekit/phase-sdk/react',
  '@coursekit/phase-sdk/client',
] as const;

/**
 * What of react-router a phase may import: its components, hooks and helpers for code that runs
 * inside the host's router. The shared react-router is built with these exports and those the
 * host itself uses, instead of whole: its routers for other environments, server rendering,
 * sessions, cookies and framework-mode internals stay out (about half of it). A phase cannot use
 * a second copy of react-router (its hooks would not see the host's router), so a phase build
 * that imports anything else fails and names it (see `sharedSubsetGuard`).
 */
export const PHASE_ROUTER_API = [
  'Await',
  'Form',
  'Link',
  'NavLink',
  'Navigate',
  'NavigationType',
  'Outlet',
  'Route',
  'Routes',
  'createPath',
  'createRoutesFromChildren',
  'createRoutesFromElements',
  'createSearchParams',
  'data',
  'generatePath',
  'href',
  'isRouteErrorResponse',
  'matchPath',
  'matchRoutes',
  'parsePath',
  'redirect',
  'renderMatches',
  'replace',
  'resolvePath',
  'useActionData',
  'useAsyncError',
  'useAsyncValue',
  'useBeforeUnload',
  'useBlocker',
  'useFetcher',
  'useFetchers',
  'useFormAction',
  'useHref',
  'useInRouterContext',
  'useLinkClickHandler',
  'useLoaderData',
  'useLocation',
  'useMatch',
  'useMatches',
  'useNavigate',
  'useNavigation',
  'useNavigationType',
  'useOutlet',
  'useOutletContext',
  'useParams',
  'useResolvedPath',
  'useRevalidator',
  'useRouteError',
  'useRouteLoaderData',
  'useRoutes',
  'useSearchParams',
  'useSubmit',
  'useViewTransitionState',
] as const;

/**
 * Shared modules built with only part of their exports: those listed plus those the build itself
 * uses (Module Federation's shared tree shaking, `runtime-infer`: no build service involved).
 */
export const SHARED_SUBSETS: Readonly<Record<string, readonly string[]>> = {
  'react-router': PHASE_ROUTER_API,
};

export interface SharedConfig {
  singleton: true;
  requiredVersion: string;
  version: string;
  strictVersion: false;
  eager?: false;
  treeShaking?: { mode: 'runtime-infer'; usedExports: string[] };
}

/** The package a request belongs to: `react-dom` for `react-dom/client`. */
export function packageOf(request: string): string {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? request);
}

export interface InstalledPackage {
  /** The package's folder. */
  dir: string;
  version?: string;
  dependencies?: Record<string, string>;
}

/** The package `pkg` as installed for `fromDir` (walks up node_modules), if it is. */
export function installedPackage(pkg: string, fromDir: string): InstalledPackage | undefined {
  const require = createRequire(join(fromDir, 'package.json'));
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    return undefined;
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
      } & Omit<InstalledPackage, 'dir'>;
      if (manifest.name === pkg) {
        return { dir, version: manifest.version, dependencies: manifest.dependencies };
      }
    } catch {
      // no package.json at this level: keep walking up
    }
  }
  return undefined;
}

/** Find the installed version of `pkg` as seen from `fromDir` (walks up node_modules). */
export function installedVersion(pkg: string, fromDir: string): string | undefined {
  return installedPackage(pkg, fromDir)?.version;
}

/** `^19.0.0` for 19.x, `^0.1.0` for 0.1.x: the range within which a singleton is compatible. */
export function compatibleRange(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `^0.${minor}.0` : `^${major}.0.0`;
}

/**
 * The MF `shared` map for a package in `projectDir`: every singleton that is installed there,
 * with its installed version and the compatible range.
 */
export function sharedSingletons(projectDir: string): Record<string, SharedConfig> {
  const shared: Record<string, SharedConfig> = {};
  for (const request of SHARED_SINGLETONS) {
    const version = installedVersion(packageOf(request), projectDir);
    if (!version) continue;
    shared[request] = {
      singleton: true,
      version,
      requiredVersion: compatibleRange(version),
      strictVersion: false,
    };
    const subset = SHARED_SUBSETS[request];
    if (subset) shared[request].treeShaking = { mode: 'runtime-infer', usedExports: [...subset] };
  }
  return shared;
}

/**
 * Where Module Federation writes the full copy of each tree-shaken shared module, beside the
 * build's output (`treeShakingSharedDir`'s default). Its own compiler writes it, so the build's
 * `output.clean` would delete it as a file the build did not emit.
 */
export const SHARED_FALLBACK_DIR = 'independent-packages';

/**
 * Keeps the full copies of tree-shaken shared modules in a cleaned output folder: the host's
 * bundle names them as the fallback of its trimmed copies, so its deployment must have them.
 *
 *   plugins: [new ModuleFederationPlugin({...}), keepSharedFallbacks(), ...]
 */
export function keepSharedFallbacks(): RspackPluginInstance {
  return {
    apply(compiler: Compiler) {
      const { output } = compiler.options;
      if (output.clean !== true || !output.path) return;
      const outputPath = output.path;
      // rspack asks with absolute paths, the output folder's own included.
      output.clean = {
        keep: (path) => relative(outputPath, path).split(/[\\/]/)[0] === SHARED_FALLBACK_DIR,
      };
    },
  };
}
