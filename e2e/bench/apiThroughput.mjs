/**
 * Throughput of a registry route against the framework's own ceiling: autocannon at 50
 * connections, first against a bare Fastify route on this machine that answers the very same JSON
 * with no I/O, then against the registry route (with the session cookie it needs), `BENCH_SECONDS`
 * each (default 10). The ratio of requests per second is the registry's share of what Fastify can
 * do; p99 is the latency of the registry route.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

function load(url, headers) {
  return autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
}

/** `{ registry, bare }`: requests per second and p99 (ms) of each, with the non-2xx count. */
export async function apiThroughput({ url, cookie, port }) {
  const body = await (await fetch(url, { headers: { cookie } })).text();
  const bare = Fastify({ logger: false });
  bare.get('/same-json', (_request, reply) => reply.type('application/json').send(body));
  await bare.listen({ port, host: '127.0.0.1' });
  try {
    const figures = (result) => ({
      rps: Math.round(result.requests.average),
      p99: result.latency.p99,
      errors: result.non2xx + result.errors,
    });
    const bareResult = figures(await load(`http://127.0.0.1:${port}/same-json`, {}));
    const registryResult = figures(await load(url, { cookie }));
    return { registry: registryResult, bare: bareResult };
  } finally {
    await bare.close();
  }
}
