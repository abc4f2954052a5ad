/**
 * The origins a host page may load phases from, for its Content-Security-Policy: the registry's
 * own public origin, the origins of every registered version that is still served (not yanked),
 * and, for a developer's page only, the origins of their sign-in's phase overrides.
 *
 * Registered origins are computed once per composition revision: every registration, publish,
 * deprecation and yank bumps that revision in its transaction, and one tiny query reads it per page
 * load, so every replica serves a fresh policy the moment a version is registered anywhere.
 */
import { userCan } from '@coursekit/phase-sdk/contract';
import type { Db } from '@coursekit/phase-sdk/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { originOf } from '../../plugins/contentSecurityPolicy.js';
import { SESSION_COOKIE } from '../auth/sessionCookie.js';
import { compositionRevision } from '../coursePhases/compositionRevision.js';
import { PhaseOverrideRepository } from '../phaseOverrides/phaseOverrideRepository.js';
import { PhaseTypeRepository } from '../phaseTypes/phaseTypeRepository.js';

const originsOf = (urls: Iterable<string>) =>
  [...new Set([...urls].map(originOf))].filter((origin): origin is string => origin !== null);

export class HostPageOrigins {
  private cached: { revision: number; origins: string[] } | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly db: Db,
    /** The registry's own public URL (`PUBLIC_URL`). */
    private readonly publicUrl: string,
  ) {}

  /** Where anyone's page may load phases from. */
  async registered(): Promise<string[]> {
    const revision = await compositionRevision(this.db);
    if (this.cached?.revision === revision) return this.cached.origins;
    const urls = await new PhaseTypeRepository(this.db).servedUrls();
    const origins = originsOf([this.publicUrl, ...urls]);
    this.cached = { revision, origins };
    return origins;
  }

  /**
   * Where this request's page may load phases from: `registered()`, plus the development servers
   * of the phase overrides its sign-in set (a developer's, never anyone else's), with the
   * WebSocket origins of those servers' live reload; `personal` when those add any.
   */
  async forPage(
    request: FastifyRequest,
  ): Promise<{ origins: string[]; sockets: string[]; personal: boolean }> {
    const registered = await this.registered();
    const shared = { origins: registered, sockets: [], personal: false };
    const session = await this.app.sessions.peek(request.cookies[SESSION_COOKIE]);
    if (!session || !userCan(session.user, 'overridePhases')) return shared;
    const overrides = await new PhaseOverrideRepository(this.db).list(session.signInId);
    const own = originsOf(
      overrides.flatMap((override) => [override.descriptorUrl, override.manifestUrl]),
    ).filter((origin) => !registered.includes(origin));
    if (own.length === 0) return shared;
    return {
      origins: [...registered, ...own],
      sockets: own.map((origin) => origin.replace(/^http/, 'ws')),
      personal: true,
    };
  }
}
