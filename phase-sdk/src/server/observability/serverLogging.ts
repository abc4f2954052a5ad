/**
 * How the registry and phase servers log and whom they believe, from the same variables:
 * `LOG_FORMAT` (`json` lines for log shippers, `pretty` readable lines for a developer) and
 * `TRUST_PROXY` (which proxies' `X-Forwarded-*` headers to believe; none by default, since anyone
 * could otherwise choose their own client address). Every log line carries the request id
 * (`reqId`, from the gateway's `x-request-id`; see `requestIdPlugin`).
 */
import { z } from 'zod';

export type LogFormat = 'pretty' | 'json';
export const LogFormatSetting = z.enum(['pretty', 'json']);

/** Fastify's `trustProxy`. */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/**
 * `TRUST_PROXY`: unset or `false` (none, the default), `true` (any: only when every request passes
 * a proxy that overwrites the headers), a hop count, or addresses, CIDR ranges and
 * `loopback`/`linklocal`/`uniquelocal`, separated by commas.
 */
export const TrustProxySetting = z
  .string()
  .trim()
  .regex(
    /^(?:true|false|\d+|[0-9a-zA-Z.:/_-]+(?:\s*,\s*[0-9a-zA-Z.:/_-]+)*)$/,
    'true, false, a hop count, or addresses/CIDR ranges separated by commas',
  );

/** The value of `TRUST_PROXY` as Fastify's `trustProxy`. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .join(',');
}

/** Fastify's `logger` option: JSON lines, or readable lines through pino-pretty. */
export function loggerOptions(level: string, format: LogFormat) {
  if (format === 'json' || level === 'silent') return { level };
  return {
    level,
    transport: {
      target: 'pino-pretty',
      options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
    },
  };
}
