/**
 * The origins allowed to change data: `PUBLIC_URL`'s origin, never one read from the request
 * (`Host` and `X-Forwarded-Host` are chosen by the client, which is how DNS rebinding gets past an
 * Origin check). A loopback public URL also admits its other loopback spellings on the same port
 * (`http://127.0.0.1:4000` for `http://localhost:4000`): only the registry itself can serve a page
 * there.
 */
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * @example
 * ownOrigins('http://localhost:4000') // Set { 'http://localhost:4000', 'http://127.0.0.1:4000', 'http://[::1]:4000' }
 */
export function ownOrigins(publicUrl: string): ReadonlySet<string> {
  const url = new URL(publicUrl);
  if (!LOOPBACK.includes(url.hostname)) return new Set([url.origin]);
  return new Set(
    LOOPBACK.map((hostname) => {
      const alias = new URL(url.origin);
      alias.hostname = hostname;
      return alias.origin;
    }),
  );
}
