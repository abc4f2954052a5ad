/**
 * Every spelling of a phase's name that the template uses, and the one-pass rewrite from the
 * template's spellings to the new phase's. One pass (a single regular expression over all
 * spellings) matters: `@coursekit/phase-template` must become `@coursekit/phase-<name>`, not be
 * rewritten again by the rule for `phase-template`.
 */

/** The template's own spellings, as they appear in its files. */
export const TEMPLATE_NAMES = {
  packageName: '@coursekit/phase-template',
  phase: 'phase-template',
  snake: 'phase_template',
  title: 'Phase template',
  pascal: 'PhaseTemplate',
  camel: 'phaseTemplate',
  serverPort: 4190,
  devPort: 4191,
  /** The core the template's server trusts and its docs point at (`--core-url` changes it). */
  coreUrl: 'http://localhost:4000',
} as const;

export interface PhaseNames {
  packageName: string;
  /** The phase (and Module Federation) name, e.g. `peer-review`. */
  phase: string;
  /** For SQL schema names and other identifiers: `peer_review`. */
  snake: string;
  title: string;
  pascal: string;
  camel: string;
  serverPort: number;
  devPort: number;
  /** The core's origin, e.g. `http://localhost:4000`. */
  coreUrl: string;
}

const words = (phase: string) => phase.split('-').filter(Boolean);
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `peer-review` → "Peer review". */
export function defaultTitle(phase: string): string {
  return capitalize(words(phase).join(' '));
}

export function phaseNames(
  phase: string,
  options: {
    title?: string | undefined;
    serverPort: number;
    devPort: number;
    coreUrl?: string | undefined;
  },
): PhaseNames {
  const pascal = words(phase).map(capitalize).join('');
  return {
    packageName: `@coursekit/phase-${phase}`,
    phase,
    snake: phase.replaceAll('-', '_'),
    title: options.title ?? defaultTitle(phase),
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    serverPort: options.serverPort,
    devPort: options.devPort,
    coreUrl: options.coreUrl ?? TEMPLATE_NAMES.coreUrl,
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A function that rewrites the template's spellings in a text (file content or file name). */
export function renamer(names: PhaseNames): (text: string) => string {
  const keys = Object.keys(TEMPLATE_NAMES) as (keyof PhaseNames)[];
  const replacements = new Map(
    keys.map((key) => [String(TEMPLATE_NAMES[key]), String(names[key])]),
  );
  // Longest first, so that a spelling that contains another one wins; numbers only as whole words.
  const pattern = new RegExp(
    [...replacements.keys()]
      .sort((a, b) => b.length - a.length)
      .map((spelling) => (/^\d+$/.test(spelling) ? `\\b${spelling}\\b` : escapeRegExp(spelling)))
      .join('|'),
    'g',
  );
  return (text) => text.replace(pattern, (match) => replacements.get(match) ?? match);
}
