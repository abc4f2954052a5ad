/**
 * Copy the template into a new folder as one phase: the files of the chosen variant (client-only
 * leaves out the server and takes `variants/client-only/` instead), every spelling of the
 * template's name rewritten in contents and file names, and package.json made the new phase's.
 * Build output, dependencies and caches are never copied.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhaseNames } from './phaseNames.js';
import { renamer } from './phaseNames.js';
import { phaseReadme } from './phaseReadme.js';

/** Never copied: installs, build output, caches, local data. */
const SKIPPED = new Set(['node_modules', 'dist', '.turbo', '.coursekit', 'coverage']);
const TEXT = /\.(ts|tsx|mts|js|mjs|cjs|json|md|sql|css|html|txt|ya?ml)$|^gitignore$/;
/** Stored without the dot, because npm drops `.gitignore` files when it packs the SDK. */
const RENAMED_FILES: Record<string, string> = { gitignore: '.gitignore' };

interface Variant {
  omit: string[];
  kind: 'client-only' | 'client-and-server';
  scripts: Record<string, string>;
  dropDependencies: string[];
}

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  coursekit?: { phase?: string; title?: string; kind?: string };
  [key: string]: unknown;
}

export interface CopyOptions {
  template: string;
  target: string;
  names: PhaseNames;
  server: boolean;
  /** The version of `@coursekit/phase-sdk` the new phase depends on. */
  sdkVersion: string;
}

/** Copy and rename; `target` must not exist yet. Returns the files written, relative to it. */
export function copyTemplate(options: CopyOptions): string[] {
  const rename = renamer(options.names);
  const written: string[] = [];
  const variantDir = join(options.template, 'variants', 'client-only');
  const variant = options.server
    ? undefined
    : (JSON.parse(readFileSync(join(variantDir, 'variant.json'), 'utf8')) as Variant);

  const copyTree = (from: string, to: string, relative: string, omit: ReadonlySet<string>) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (SKIPPED.has(entry.name) || omit.has(path) || entry.name.endsWith('.tsbuildinfo'))
        continue;
      const targetName = RENAMED_FILES[entry.name] ?? rename(entry.name);
      const source = join(from, entry.name);
      const destination = join(to, targetName);
      if (entry.isDirectory()) {
        copyTree(source, destination, path, omit);
      } else if (entry.isFile()) {
        if (TEXT.test(entry.name)) writeFileSync(destination, rename(readFileSync(source, 'utf8')));
        else copyFileSync(source, destination);
        written.push(relative ? `${rename(relative)}/${targetName}` : targetName);
      }
    }
  };

  copyTree(
    options.template,
    options.target,
    '',
    new Set(['variants', 'package.json', 'README.md', ...(variant?.omit ?? [])]),
  );
  if (variant) copyTree(variantDir, options.target, '', new Set(['variant.json', 'README.md']));
  // A README about the new phase, not about the template.
  const templateReadme = rename(
    readFileSync(join(variant ? variantDir : options.template, 'README.md'), 'utf8'),
  );
  writeFileSync(
    join(options.target, 'README.md'),
    phaseReadme({ names: options.names, server: options.server, templateReadme }),
  );
  written.push('README.md');

  const pkg = JSON.parse(
    rename(readFileSync(join(options.template, 'package.json'), 'utf8')),
  ) as PackageJson;
  writeFileSync(
    join(options.target, 'package.json'),
    `${JSON.stringify(phasePackageJson(pkg, options, variant), null, 2)}\n`,
  );
  written.push('package.json');
  return [...new Set(written)].sort();
}

function phasePackageJson(
  pkg: PackageJson,
  { names, sdkVersion }: CopyOptions,
  variant: Variant | undefined,
): PackageJson {
  const kind = variant?.kind ?? 'client-and-server';
  const drop = new Set(variant?.dropDependencies ?? []);
  const keep = (deps: Record<string, string> = {}) =>
    Object.fromEntries(Object.entries(deps).filter(([dep]) => !drop.has(dep)));
  return {
    ...pkg,
    version: '0.1.0',
    description: `${names.title}: a ${kind} Coursekit phase.`,
    scripts: variant ? variant.scripts : pkg.scripts,
    dependencies: { ...keep(pkg.dependencies), '@coursekit/phase-sdk': sdkVersion },
    devDependencies: keep(pkg.devDependencies),
    coursekit: { phase: names.phase, title: names.title, kind },
  };
}
