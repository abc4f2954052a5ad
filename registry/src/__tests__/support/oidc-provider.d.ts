/**
 * The few parts of `oidc-provider` (which ships no types) that the OIDC test uses to run a real
 * identity provider in-process. Widen this as tests need more of its API.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): AccountClaims | Promise<AccountClaims>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
    /** Scope name (or standalone claim) to the claims it releases. */
    claims?: Record<string, string[] | null>;
    /** `false` puts scope-requested claims in the ID token too, as Keycloak does. */
    conformIdTokenClaims?: boolean;
    pkce?: { required?: () => boolean };
    cookies?: { keys?: string[] };
    features?: Record<string, { enabled: boolean }>;
    /** Lifetimes in seconds of the provider's artifacts (`AccessToken`, `Session`, …). */
    ttl?: Record<string, () => number>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
