/**
 * Which published phase versions let anyone read their source maps: those whose `phase.json` says
 * `"sourceMaps": "public"`. Builds of the current SDK have no maps unless they say so; builds of
 * older SDKs (or hand-made uploads) may still carry `.map` files, which the registry then keeps
 * but never serves. A version's files never change, so each answer is remembered for good.
 */
import { PhaseDescriptor } from '@coursekit/phase-sdk/contract';

/** A source map, or a precompressed copy of one (`main.js.map.br`). */
export const isSourceMap = (path: string) => /\.map(?:\.br|\.gz)?$/i.test(path);

export class PublicSourceMaps {
  private readonly known = new Map<string, boolean>();

  constructor(
    /** The stored `phase.json` of a published version, or `null` when there is none. */
    private readonly readDescriptor: (phase: string, version: string) => Promise<Buffer | null>,
  ) {}

  async allows(phase: string, version: string): Promise<boolean> {
    const key = `${phase}@${version}`;
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const bytes = await this.readDescriptor(phase, version);
    // Not published (yet): nothing to remember.
    if (!bytes) return false;
    const descriptor = PhaseDescriptor.safeParse(parseJson(bytes));
    const allowed = descriptor.success && descriptor.data.sourceMaps === 'public';
    this.known.set(key, allowed);
    return allowed;
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
}
