/**
 * Property-style bad-input tests over every route of a server: for each route (as registered, see
 * `recordRoutes`), fast-check sends malformed requests (`badRequests`) as each kind of caller and
 * checks what every Coursekit server promises about bad input: never a 5xx and never a hang; every
 * refusal is problem+json with a code of the server's catalogue and the status the catalogue gives
 * it; a refused write leaves the stored state as it was. Every text field and parameter is also
 * tried with NUL and lone surrogates on an otherwise plausible request. A failure names the route,
 * the defect, the request and the answer, and the seed that replays it (`FC_SEED=<seed>`).
 */
import fc from 'fast-check';
import type { InjectOptions, LightMyRequestResponse, RouteOptions } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../../contract/index.js';
import type { ErrorEntry } from '../problem/defineErrorCatalogue.js';
import {
  type BadRequest,
  type BadRequestOptions,
  badRequests,
  unstorableTextRequests,
} from './badRequests.js';

export interface BadInputProbe<Caller> extends BadRequestOptions {
  /** The routes to probe, as `recordRoutes` recorded them. */
  routes: readonly RouteOptions[];
  /** The callers requests are sent as (a session, a token, nobody); the first is used for the field examples. */
  callers: readonly Caller[];
  /** Send the request as the caller (e.g. `inject` with their cookie or token). */
  send(request: InjectOptions, caller: Caller): Promise<LightMyRequestResponse>;
  /** The server's error catalogue: every code a refusal may carry, with its status. */
  catalogue: Readonly<Record<string, ErrorEntry>>;
  /** The stored state a refused write must leave unchanged (compared as JSON). */
  snapshot(): Promise<unknown>;
  /** Random requests per route and method; default 25. */
  numRuns?: number;
  /** The longest one request may take before it counts as a hang; default 60 s. */
  hangMs?: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const shorten = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;

/** A request as a failure message shows it: method, URL, headers and the start of the body. */
function describeRequest({ defect, request }: BadRequest): string {
  const payload = request.payload === undefined ? '' : ` ${shorten(String(request.payload), 200)}`;
  return `${defect}: ${request.method} ${shorten(request.url, 200)} ${JSON.stringify(request.headers ?? {})}${payload}`;
}

/** Why the answer breaks the promise, or `null`. */
function whatIsWrong(
  response: LightMyRequestResponse,
  catalogue: Readonly<Record<string, ErrorEntry>>,
): string | null {
  const status = response.statusCode;
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  const type = String(response.headers['content-type'] ?? '');
  if (!type.includes(PROBLEM_CONTENT_TYPE))
    return `answered ${status} as ${type || 'no content type'}`;
  let problem: { code?: unknown; status?: unknown };
  try {
    problem = JSON.parse(response.body);
  } catch {
    return `answered ${status} with a body that is no JSON`;
  }
  const entry = typeof problem.code === 'string' ? catalogue[problem.code] : undefined;
  if (!entry)
    return `answered ${status} with code ${String(problem.code)}, which is not in the catalogue`;
  if (entry.status !== status || problem.status !== status)
    return `answered ${status} with ${String(problem.code)}, whose status is ${entry.status} (body says ${String(problem.status)})`;
  return null;
}

/**
 * @example
 * await probeBadInput({ routes, callers: ['admin'], send, catalogue: ERROR_CATALOGUE.entries, snapshot });
 */
export async function probeBadInput<Caller>(probe: BadInputProbe<Caller>): Promise<void> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  const [first] = probe.callers;
  if (first === undefined) throw new Error('probeBadInput needs at least one caller.');

  // The state after a refused write, while no other request has been sent since: the next write's
  // state before (requests are sent one at a time, and nothing else writes meanwhile).
  let unchanged: string | undefined;
  for (const route of probe.routes) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
      const check = async (bad: BadRequest, caller: Caller) => {
        const write = WRITES.has(method);
        const before = write ? (unchanged ?? JSON.stringify(await probe.snapshot())) : '';
        unchanged = undefined;
        const response = await probe.send(bad.request, caller);
        const wrong = whatIsWrong(response, probe.catalogue);
        if (wrong)
          throw new Error(
            `${method} ${route.url} ${wrong}\n  request: ${describeRequest(bad)}\n  answer: ${shorten(response.body)}`,
          );
        if (write && response.statusCode >= 400) {
          const after = JSON.stringify(await probe.snapshot());
          if (after !== before)
            throw new Error(
              `${method} ${route.url} answered ${response.statusCode} but changed the stored state\n  request: ${describeRequest(bad)}\n  answer: ${shorten(response.body)}\n  before: ${shorten(before, 2_000)}\n  after: ${shorten(after, 2_000)}`,
            );
          unchanged = after;
        }
      };
      const requests = badRequests(route, method, probe).map((bad) =>
        Object.assign(bad, { [fc.toStringMethod]: () => describeRequest(bad) }),
      );
      const examples = unstorableTextRequests(route, method, probe).map(
        (bad): [BadRequest, Caller] => [
          Object.assign(bad, { [fc.toStringMethod]: () => describeRequest(bad) }),
          first,
        ],
      );
      await fc.assert(fc.asyncProperty(requests, fc.constantFrom(...probe.callers), check), {
        // Examples count towards numRuns: they come on top of the random requests.
        numRuns: examples.length + (probe.numRuns ?? 25),
        examples,
        timeout: probe.hangMs ?? 60_000,
        // Shrinking replays requests against a server whose state moved on; the first failure
        // with its seed is the useful report.
        endOnFailure: true,
        includeErrorInReport: true,
        ...(seed === undefined ? {} : { seed }),
      });
    }
  }
}
