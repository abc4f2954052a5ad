/**
 * Malformed requests for one route, as fast-check arbitraries, derived from the route's own schemas
 * (zod, through their JSON Schema): a plausible valid request with one defect, or a few. Defects are
 * the classes that have broken servers before: NUL characters and lone surrogates in any text
 * field, key or parameter; huge strings; JSON nested thousands of levels deep; wrong types; extra
 * fields; bodies that are no JSON or of another content type; malformed path parameters and query
 * strings (`%ZZ`, `%00`, very long); odd `If-Match` values.
 */
import fc from 'fast-check';
import type { InjectOptions, RouteOptions } from 'fastify';
import {
  allPaths,
  type JsonSchema,
  jsonSchemaOf,
  type Path,
  setAt,
  textPaths,
  validValue,
} from './validValue.js';

export interface BadRequestOptions {
  /** Values that exist on the server under test, by parameter or field name (`courseId`, `phase`). */
  known?: Readonly<Record<string, readonly unknown[]>>;
  /** URLs to put in URL fields; default a closed port on the loopback address (fails at once). */
  urls?: readonly string[];
}

/** One generated request, with what is wrong with it. */
export interface BadRequest {
  /** What the generator broke, e.g. `NUL in body.title`. */
  defect: string;
  request: InjectOptions & { method: string; url: string };
}

interface Draft {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /** Replaces the encoded value of a path parameter. */
  rawParams: Record<string, string>;
  /** Appended to the query string as is. */
  rawQuery: string;
  /** Sent instead of the JSON body. */
  rawBody?: string | Buffer;
  headers: Record<string, string>;
}

const NUL = 'a\u0000b';
const HIGH_SURROGATE = 'a\ud800b';
const LOW_SURROGATE = '\udc00';
/** Text PostgreSQL cannot store. */
export const UNSTORABLE_TEXT = [NUL, HIGH_SURROGATE, LOW_SURROGATE] as const;
const HUGE = 'x'.repeat(200_000);
const LONG = 'y'.repeat(10_000);
const WRONG_VALUES: unknown[] = [0, -1, 1.5, 1e308, true, null, [], {}, 'text', [1, 'a'], { a: 1 }];
const ODD_KEYS = [NUL, HIGH_SURROGATE, '__proto__', 'constructor', '', LONG];
const BAD_SEGMENTS = [
  '%ZZ',
  '%',
  '%E2%82',
  'a%00b',
  '%00',
  '%ED%A0%80',
  '%C0%AF',
  '..',
  '%2e%2e',
  'a%2Fb',
  '%20',
  '-1',
  '1e9999',
  'null',
  'x'.repeat(101),
  'x'.repeat(2_000),
  LONG,
];
const BAD_QUERY_VALUES = ['%ZZ', '%', 'a%00b', '%ED%A0%80', '%C0%80', LONG, '', '%2B%26'];
const IF_MATCH = ['*', '"0"', 'W/"1"', '"abc"', '"-1"', '"99999999999999999999999"', 'nonsense'];
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/octet-stream',
];

const pathName = (part: string, path: Path) => [part, ...path].join('.');

/**
 * `encodeURIComponent` for any string: a lone surrogate, which no URL can carry as text, becomes
 * the bytes UTF-8 would give it (`%ED%A0%80`), as a client that does not check would send it.
 */
export function encodeAnyText(text: string): string {
  return text
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((piece) => {
      const unit = piece.charCodeAt(0);
      if (piece.length !== 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(piece);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** JSON `depth` levels deep, with `inner` at the bottom. */
const nested = (depth: number, inner = '1') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The route's path parameters, `*` included, in order. */
export function pathParameters(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)|\*/g)].map((match) => match[1] ?? '*');
}

function render(
  method: string,
  url: string,
  draft: Draft,
): InjectOptions & { method: string; url: string } {
  const path = url.replace(/:([A-Za-z0-9_]+)|\*/g, (_all, name: string | undefined) => {
    const key = name ?? '*';
    const raw = draft.rawParams[key];
    if (raw !== undefined) return raw;
    const value = String(draft.params[key] ?? 'x');
    return key === '*' ? value.split('/').map(encodeAnyText).join('/') : encodeAnyText(value);
  });
  const query = Object.entries(draft.query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map(
      (item) =>
        `${encodeAnyText(key)}=${encodeAnyText(typeof item === 'string' ? item : JSON.stringify(item))}`,
    ),
  );
  if (draft.rawQuery) query.push(draft.rawQuery);
  const headers = { ...draft.headers };
  let payload: string | Buffer | undefined;
  if (draft.rawBody !== undefined) payload = draft.rawBody;
  else if (draft.body !== undefined) {
    payload = JSON.stringify(draft.body);
    headers['content-type'] ??= 'application/json';
  }
  return {
    method,
    url: query.length ? `${path}?${query.join('&')}` : path,
    headers,
    ...(payload === undefined ? {} : { payload }),
  };
}

/** A route's schemas, and plausible valid requests for it (drafts with no defect yet). */
function plausible(
  route: Pick<RouteOptions, 'url' | 'schema'>,
  method: string,
  options: BadRequestOptions,
) {
  const opts: Required<BadRequestOptions> = {
    known: options.known ?? {},
    urls: options.urls ?? ['http://127.0.0.1:9/phase.json'],
  };
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const names = pathParameters(route.url);
  const paramsSchema = jsonSchemaOf(schema.params);
  const querySchema = jsonSchemaOf(schema.querystring);
  const bodySchema = METHODS_WITH_BODY.has(method) ? jsonSchemaOf(schema.body) : undefined;
  const params = fc.record(
    Object.fromEntries(
      names.map((name) => [
        name,
        validValue(paramsSchema?.properties?.[name] ?? { type: 'string' }, name, opts),
      ]),
    ),
  );
  const query = querySchema ? validValue(querySchema, undefined, opts) : fc.constant({});
  const body = bodySchema ? validValue(bodySchema, undefined, opts) : fc.constant(undefined);
  const base = fc.record({ params, query, body }).map(
    ({ params, query, body }): Draft => ({
      params: params as Record<string, unknown>,
      query: (query ?? {}) as Record<string, unknown>,
      body,
      rawParams: {},
      rawQuery: '',
      headers: {},
    }),
  );
  return { names, paramsSchema, querySchema, bodySchema, base };
}

type Defect = fc.Arbitrary<{ defect: string; apply: (draft: Draft) => void }>;

/**
 * Malformed requests for `route` (one method of it).
 *
 * @example
 * fc.sample(badRequests(route, 'POST', { known: { courseId: [id] } }), 1)[0].request
 */
export function badRequests(
  route: Pick<RouteOptions, 'url' | 'schema'>,
  method: string,
  options: BadRequestOptions = {},
): fc.Arbitrary<BadRequest> {
  const { names, paramsSchema, querySchema, bodySchema, base } = plausible(route, method, options);
  const hasBody = METHODS_WITH_BODY.has(method);

  const parts: { part: 'params' | 'query' | 'body'; schema: JsonSchema | undefined }[] = [
    {
      part: 'params',
      schema: paramsSchema ?? {
        type: 'object',
        properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])),
      },
    },
    { part: 'query', schema: querySchema },
    ...(hasBody ? [{ part: 'body' as const, schema: bodySchema ?? {} }] : []),
  ];
  const textPlaces = parts.flatMap(({ part, schema }) =>
    textPaths(schema)
      .filter((path) => part === 'body' || path.length === 1)
      .map((path) => ({ part, path })),
  );
  const anyPlaces = parts.flatMap(({ part, schema }) =>
    allPaths(schema)
      .filter((path) => part === 'body' || path.length === 1)
      .map((path) => ({ part, path })),
  );

  const put = (draft: Draft, part: 'params' | 'query' | 'body', path: Path, value: unknown) => {
    if (part === 'params') {
      const name = String(path[0]);
      draft.rawParams[name] = encodeAnyText(
        typeof value === 'string' ? value : JSON.stringify(value),
      );
    } else if (part === 'query')
      draft.query = setAt(draft.query, path, value) as Record<string, unknown>;
    else draft.body = setAt(draft.body, path, value);
  };

  const defects: Defect[] = [];
  if (textPlaces.length > 0) {
    defects.push(
      fc
        .tuple(fc.constantFrom(...textPlaces), fc.constantFrom(...UNSTORABLE_TEXT, HUGE, LONG))
        .map(([{ part, path }, text]) => ({
          defect: `${text.length > 100 ? `${text.length} characters` : JSON.stringify(text)} in ${pathName(part, path)}`,
          apply: (draft: Draft) => put(draft, part, path, text),
        })),
    );
  }
  if (anyPlaces.length > 0) {
    defects.push(
      fc
        .tuple(fc.constantFrom(...anyPlaces), fc.constantFrom(...WRONG_VALUES))
        .map(([{ part, path }, value]) => ({
          defect: `${JSON.stringify(value)} in ${pathName(part, path)}`,
          apply: (draft: Draft) => put(draft, part, path, value),
        })),
    );
  }
  if (names.length > 0) {
    defects.push(
      fc.tuple(fc.constantFrom(...names), fc.constantFrom(...BAD_SEGMENTS)).map(([name, raw]) => ({
        defect: `path parameter ${name} = ${raw.length > 100 ? `${raw.length} characters` : raw}`,
        apply: (draft: Draft) => {
          draft.rawParams[name] = raw;
        },
      })),
    );
  }
  const queryKeys = [...Object.keys(querySchema?.properties ?? {}), 'x', '__proto__'];
  defects.push(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...queryKeys), fc.constantFrom(...BAD_QUERY_VALUES))
        .map(([key, raw]) => ({
          defect: `query ${key}=${raw.length > 100 ? `${raw.length} characters` : raw}`,
          apply: (draft: Draft) => {
            draft.rawQuery = `${encodeURIComponent(key)}=${raw}`;
          },
        })),
      fc
        .constantFrom(
          '%ZZ=1',
          '%00=1',
          '&&=&',
          'a[b]=1',
          'constructor[prototype][x]=1',
          `${LONG}=1`,
        )
        .map((raw) => ({
          defect: `query string ${raw.slice(0, 40)}`,
          apply: (draft: Draft) => {
            draft.rawQuery = raw;
          },
        })),
      fc.constantFrom(...queryKeys).map((key) => ({
        defect: `query ${key} repeated`,
        apply: (draft: Draft) => {
          draft.rawQuery = `${encodeURIComponent(key)}=1&${encodeURIComponent(key)}=2`;
        },
      })),
    ),
  );
  defects.push(
    fc.constantFrom(...IF_MATCH).map((value) => ({
      defect: `If-Match: ${value}`,
      apply: (draft: Draft) => {
        draft.headers['if-match'] = value;
      },
    })),
  );
  if (hasBody) {
    const bodyPlaces = textPaths(bodySchema ?? {}).concat(allPaths(bodySchema));
    defects.push(
      fc.tuple(fc.constantFrom(...bodyPlaces), fc.constantFrom(...ODD_KEYS)).map(([path, key]) => ({
        defect: `extra field ${JSON.stringify(key.slice(0, 20))} in ${pathName('body', path)}`,
        apply: (draft: Draft) => {
          draft.body = setAt(draft.body, [...path, key], 'extra');
        },
      })),
      fc.constantFrom(100, 5_000, 100_000).map((depth) => ({
        defect: `a body nested ${depth} levels deep`,
        apply: (draft: Draft) => {
          draft.rawBody = nested(depth);
          draft.headers['content-type'] = 'application/json';
        },
      })),
      fc
        .tuple(fc.constantFrom(...bodyPlaces), fc.constantFrom(100, 5_000, 50_000))
        .map(([path, depth]) => ({
          defect: `${pathName('body', path)} nested ${depth} levels deep`,
          apply: (draft: Draft) => {
            const marker = '"__nested__"';
            draft.rawBody = JSON.stringify(setAt(draft.body, path, '__nested__')).replace(
              marker,
              nested(depth),
            );
            draft.headers['content-type'] = 'application/json';
          },
        })),
      fc
        .constantFrom<[string, string | Buffer]>(
          ['truncated JSON', '{"a":'],
          ['an empty body', ''],
          [
            'invalid UTF-8',
            Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
          ],
          ['a NUL byte in JSON', '{"a":"\u0000"}'],
          ['a lone surrogate escape', '{"a":"\\ud800"}'],
          ['a JSON string', '"text"'],
          ['JSON null', 'null'],
          ['a huge number', `{"a":1${'0'.repeat(400)}}`],
          ['duplicate keys', '{"a":1,"a":2}'],
          ['a __proto__ key', '{"__proto__":{"polluted":true}}'],
          ['a body over 1 MB', `"${'z'.repeat(1_100_000)}"`],
        )
        .map(([what, raw]) => ({
          defect: what,
          apply: (draft: Draft) => {
            draft.rawBody = raw;
            draft.headers['content-type'] = 'application/json';
          },
        })),
      fc.constantFrom(...CONTENT_TYPES).map((type) => ({
        defect: `content type ${type}`,
        apply: (draft: Draft) => {
          draft.rawBody = JSON.stringify(draft.body ?? {});
          draft.headers['content-type'] = type;
        },
      })),
    );
  }

  return fc
    .tuple(base, fc.array(fc.oneof(...defects), { minLength: 1, maxLength: 2 }))
    .map(([draft, chosen]) => {
      const copy: Draft = { ...draft, rawParams: {}, headers: {} };
      for (const { apply } of chosen) apply(copy);
      return {
        defect: chosen.map((d) => d.defect).join('; '),
        request: render(method, route.url, copy),
      };
    });
}

/**
 * A plausible request with an unknown field, then, for each text field and parameter of the route,
 * each text PostgreSQL cannot store in it on that request: the examples that guarantee every
 * handler is reached and every field is tried.
 */
export function unstorableTextRequests(
  route: Pick<RouteOptions, 'url' | 'schema'>,
  method: string,
  options: BadRequestOptions = {},
  seed = 1,
): BadRequest[] {
  const { names, querySchema, bodySchema, base } = plausible(route, method, options);
  const [sample] = fc.sample(base, { numRuns: 1, seed });
  if (!sample) return [];
  const draft = (): Draft => ({ ...sample, rawParams: {}, headers: {} });
  // First the plausible request itself with one field it does not know, so that every route's
  // handler is reached at least once whatever the random requests do.
  const extra = draft();
  if (bodySchema && typeof extra.body === 'object' && extra.body !== null)
    extra.body = { ...extra.body, unknownField: 'extra' };
  else extra.rawQuery = 'unknownField=extra';
  const requests: BadRequest[] = [
    { defect: 'an unknown field', request: render(method, route.url, extra) },
  ];
  for (const text of UNSTORABLE_TEXT) {
    for (const name of names) {
      const d = draft();
      d.rawParams[name] = encodeAnyText(text);
      requests.push({
        defect: `${JSON.stringify(text)} in params.${name}`,
        request: render(method, route.url, d),
      });
    }
    for (const path of textPaths(querySchema).filter((p) => p.length === 1)) {
      const d = draft();
      d.query = setAt(d.query, path, text) as Record<string, unknown>;
      requests.push({
        defect: `${JSON.stringify(text)} in ${pathName('query', path)}`,
        request: render(method, route.url, d),
      });
    }
    for (const path of textPaths(bodySchema)) {
      const d = draft();
      d.body = setAt(d.body, path, text);
      requests.push({
        defect: `${JSON.stringify(text)} in ${pathName('body', path)}`,
        request: render(method, route.url, d),
      });
    }
  }
  return requests;
}
