/**
 * The rules of OpenID Connect sign-in (authorization code flow with PKCE and a nonce), over
 * openid-client: discover the provider once, start a sign-in (remembering its state in the
 * database so any replica can finish it), and finish it by exchanging the code and turning the
 * verified claims into a Coursekit identity. HTTP lives in `oidcRoutes.ts`; this file knows no
 * Fastify. Every failure is an `AppError`: `CK_OIDC_FAILED` for a sign-in that cannot be completed,
 * `CK_UNAVAILABLE` when the provider does not answer.
 */
import * as client from 'openid-client';
import { z } from 'zod';
import type { OidcConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { OidcLoginRepository } from './oidcLoginRepository.js';
import { safeReturnTo } from './safeReturnTo.js';

/** How long a started sign-in may take at the provider before its state is refused. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

const DISCOVERY_TIMEOUT_SECONDS = 10;

/** Who signed in, as the registry stores users. */
export interface OidcIdentity {
  email: string;
  name: string;
  isAdmin: boolean;
  isDeveloper: boolean;
}

type Claims = Record<string, client.JsonValue | undefined>;

const failed = (detail: string) => new AppError('CK_OIDC_FAILED', detail);

/** Plain http is allowed only for a provider on this machine (tests, a local Keycloak). */
function isLocal(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** A network failure or timeout, as opposed to an answer the provider gave. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof client.ClientError) {
    return (
      error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT' || isUnreachable(error.cause)
    );
  }
  return error instanceof TypeError && error.message === 'fetch failed';
}

function describeError(error: unknown): string {
  if (
    error instanceof client.ResponseBodyError ||
    error instanceof client.AuthorizationResponseError
  ) {
    return error.error_description ? `${error.error} (${error.error_description})` : error.error;
  }
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** The claim `name`, or a dotted path into nested claims (`realm_access.roles` in Keycloak). */
function claimAt(claims: Claims, name: string): client.JsonValue | undefined {
  if (name in claims || !name.includes('.')) return claims[name];
  let value: client.JsonValue | undefined = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[part];
  }
  return value;
}

export class OidcService {
  private discovered: Promise<client.Configuration> | null = null;

  constructor(
    private readonly oidc: OidcConfig,
    private readonly logins: OidcLoginRepository,
  ) {}

  /**
   * Start a sign-in: remember a fresh state, PKCE verifier, nonce and the destination, and return
   * the provider's authorization URL to redirect the browser to.
   *
   * @example const { state, url } = await oidc.begin('/courses'); reply.redirect(url.href);
   */
  async begin(returnTo: unknown): Promise<{ state: string; url: URL }> {
    const config = await this.configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    await this.logins.sweep();
    await this.logins.save(
      { state, codeVerifier, nonce, returnTo: safeReturnTo(returnTo) },
      OIDC_LOGIN_TTL_MS,
    );
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.oidc.redirectUri,
      scope: this.oidc.scopes,
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return { state, url };
  }

  /**
   * Finish a sign-in from the provider's redirect: `params` is the callback's query, `boundState`
   * the state this browser started (from its cookie). Returns who signed in and where to go next.
   */
  async complete(
    params: URLSearchParams,
    boundState: string | undefined,
  ): Promise<{ identity: OidcIdentity; returnTo: string }> {
    const config = await this.configuration();
    const state = params.get('state');
    if (!state) {
      throw failed(
        'The sign-in callback carried no state parameter; start the sign-in again from the sign-in page.',
      );
    }
    // Taken first, so that every state is spent by its first use, whatever happens next.
    const login = await this.logins.take(state);
    const providerError = params.get('error');
    if (providerError) {
      const description = params.get('error_description');
      throw failed(
        `The identity provider refused the sign-in: ${providerError}${description ? ` (${description})` : ''}. Start the sign-in again, or ask an administrator to check the provider's client settings.`,
      );
    }
    if (!login) {
      throw failed(
        `The sign-in state "${state.slice(0, 12)}…" is unknown or was already used; start the sign-in again from the sign-in page.`,
      );
    }
    if (!login.live) {
      throw failed(
        `The sign-in took longer than ${OIDC_LOGIN_TTL_MS / 60_000} minutes and expired; start it again.`,
      );
    }
    if (boundState !== state) {
      throw failed(
        'This sign-in was started in another browser (or cookies are blocked); start the sign-in again here.',
      );
    }

    const currentUrl = new URL(this.oidc.redirectUri);
    currentUrl.search = params.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        expectedState: state,
        expectedNonce: login.nonce,
        pkceCodeVerifier: login.codeVerifier,
      });
    } catch (error) {
      throw this.mapFailure(error, 'exchanging the authorization code');
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw failed('The identity provider returned no ID token; expected one.');
    let claims: Claims = { ...idClaims };
    // Some providers put profile claims in the UserInfo answer only, not in the ID token.
    const needsMore =
      typeof claims.email !== 'string' || claimAt(claims, this.oidc.adminClaim) === undefined;
    if (needsMore && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      } catch (error) {
        throw this.mapFailure(error, 'reading the user info');
      }
    }
    return { identity: this.identityOf(claims), returnTo: login.returnTo };
  }

  private identityOf(claims: Claims): OidcIdentity {
    const email = claims.email;
    if (typeof email !== 'string' || !z.email().safeParse(email).success) {
      throw failed(
        `The identity provider sent no usable email claim (got ${JSON.stringify(email ?? null)}); Coursekit identifies users by email. Request the "email" scope (OIDC_SCOPES) and give the user an email at the provider.`,
      );
    }
    if (claims.email_verified === false) {
      throw failed(
        `The identity provider says the email ${email} is not verified, and Coursekit matches accounts by email. Verify it at the provider (in Keycloak: "Email verified", or "Trust email" on the identity provider or user federation).`,
      );
    }
    const named = [claims.name, claims.preferred_username].find(
      (value): value is string => typeof value === 'string' && value.trim() !== '',
    );
    // One claim (e.g. `groups`) grants both platform roles, each by its own value.
    const roles = claimAt(claims, this.oidc.adminClaim);
    const holds = (value: string) =>
      roles === value || (Array.isArray(roles) && roles.includes(value));
    return {
      email,
      name: named?.trim() ?? email,
      isAdmin: holds(this.oidc.adminValue),
      isDeveloper: holds(this.oidc.developerValue),
    };
  }

  private mapFailure(error: unknown, during: string): AppError {
    if (error instanceof AppError) return error;
    if (isUnreachable(error)) {
      return new AppError(
        'CK_UNAVAILABLE',
        `The identity provider at ${this.oidc.issuer} did not answer while ${during} (${describeError(error)}); try again shortly.`,
      );
    }
    const what =
      error instanceof client.ResponseBodyError
        ? `The identity provider refused ${during}`
        : `The identity provider's answer was rejected while ${during}`;
    return failed(
      `${what}: ${describeError(error)}. Start the sign-in again; if it keeps failing, check OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI against the provider's client.`,
    );
  }

  /** Discovery, done once and cached; a failed attempt is forgotten so the next request retries. */
  private configuration(): Promise<client.Configuration> {
    this.discovered ??= this.discover().catch((error: unknown) => {
      this.discovered = null;
      throw error;
    });
    return this.discovered;
  }

  private async discover(): Promise<client.Configuration> {
    const issuer = new URL(this.oidc.issuer);
    const insecure = issuer.protocol === 'http:';
    if (insecure && !isLocal(issuer)) {
      throw new AppError(
        'CK_UNAVAILABLE',
        `OIDC_ISSUER is ${this.oidc.issuer}: plain http is allowed only for localhost or 127.0.0.1; use the provider's https URL.`,
      );
    }
    try {
      return await client.discovery(
        issuer,
        this.oidc.clientId,
        this.oidc.clientSecret,
        this.oidc.clientSecret ? undefined : client.None(),
        {
          timeout: DISCOVERY_TIMEOUT_SECONDS,
          ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
        },
      );
    } catch (error) {
      throw new AppError(
        'CK_UNAVAILABLE',
        `The identity provider at ${this.oidc.issuer} could not be discovered (${describeError(error)}); check that it is up and that OIDC_ISSUER names its issuer (for Keycloak: https://<host>/realms/<realm>).`,
      );
    }
  }
}
