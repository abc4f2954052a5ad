/**
 * A real OpenID Connect provider for tests: `oidc-provider` in-process on an ephemeral port, with
 * one confidential client (PKCE required) and accounts the test can change while it runs. Its
 * development login and consent pages are driven by `signInAtProvider`, a tiny browser (fetch,
 * cookies, forms) that stops at the relying party's callback URL and hands it back.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration } from 'oidc-provider';

/** Claims of a provider account, by account id (what is typed into the provider's login form). */
export type ProviderAccounts = Record<string, Record<string, unknown>>;

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: ProviderAccounts;
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  redirectUri: string;
  accounts: ProviderAccounts;
  /** Where scope claims go: the ID token (like Keycloak) or only the UserInfo answer. */
  claimsIn?: 'idToken' | 'userinfo';
}): Promise<TestOidcProvider> {
  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_, response) =>
    response.writeHead(503).end();
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'coursekit';
  const clientSecret = 'a-test-secret-that-is-long-enough-for-hs256';
  const { accounts } = options;
  const hour = () => 3600;
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'groups'],
    },
    conformIdTokenClaims: options.claimsIn === 'userinfo',
    findAccount: async (_ctx, id) => {
      const claims = accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...claims }) };
    },
    cookies: { keys: ['test-only-cookie-signing-key'] },
    features: { devInteractions: { enabled: true } },
    ttl: { AccessToken: hour, IdToken: hour, Grant: hour, Interaction: hour, Session: hour },
  };
  const provider = await quietly(async () => {
    const { default: Provider } = await import('oidc-provider');
    return new Provider(issuer, configuration);
  });
  handle = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Run `work` without oidc-provider's console warnings about its development defaults (in-memory
 * storage, generated keys, dev interactions, Node 20): all intended here, and noise in test output.
 */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const unlessProvider =
    (log: (...data: unknown[]) => void) =>
    (...data: unknown[]) => {
      if (!String(data[0]).startsWith('oidc-provider ')) log(...data);
    };
  console.warn = unlessProvider(warn);
  console.info = unlessProvider(info);
  try {
    return await work();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}

const decodeHtml = (value: string) =>
  value.replaceAll('&amp;', '&').replaceAll('&#x2F;', '/').replaceAll('&#39;', "'");

/**
 * Play the browser at the provider: follow redirects from `authorizationUrl`, log in as `login`
 * on the provider's login page, confirm its consent page, and return the URL the provider finally
 * redirects to under `callbackPrefix` (without requesting it).
 */
export async function signInAtProvider(
  authorizationUrl: string,
  login: string,
  callbackPrefix: string,
): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(callbackPrefix)) return new URL(url);
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    const page = location ? '' : await response.text();
    if (location) {
      url = new URL(location, url).href;
      body = undefined;
      continue;
    }
    // The development interactions: a login form (any password) or a consent form.
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action || !prompt) {
      throw new Error(`The test provider answered ${response.status} at ${url}:\n${page}`);
    }
    url = new URL(decodeHtml(action), url).href;
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt },
    );
  }
  throw new Error(`The test provider never redirected to ${callbackPrefix}.`);
}
