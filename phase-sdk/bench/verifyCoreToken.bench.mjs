// Benchmark: phase-token verification on a phase server (issue: core auth).
// Prints verifications per second with the SDK's verifier (cached JWKS) against a baseline of
// jose's jwtVerify with the key already in hand, both in this process: cold (every token checked
// cryptographically, cache off) and warm (100 users sending many requests with their token, the
// verified-token cache on). Counts the HTTP calls to the core's JWKS during 10 000 verified
// requests through the Fastify plugin.
// Run: npm run build --workspace @coursekit/phase-sdk && node phase-sdk/bench/verifyCoreToken.bench.mjs

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { coreAuthPlugin, createCoreTokenVerifier } from '../dist/server/index.js';

const N = 10_000;
const PHASE = 'matching';
const course = randomUUID();
const coursePhase = randomUUID();

const { publicKey, privateKey } = await generateKeyPair('ES256');
const kid = randomUUID();
const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };

let jwksCalls = 0;
const core = createServer((req, res) => {
  if (req.url === '/.well-known/jwks.json') jwksCalls++;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
});
await new Promise((resolve) => core.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${core.address().port}`;

const now = Math.floor(Date.now() / 1000);
const tokens = await Promise.all(
  Array.from({ length: 100 }, () =>
    new SignJWT({ course, coursePhase, role: 'student' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setSubject(randomUUID())
      .setAudience(`phase:${PHASE}`)
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey),
  ),
);

async function measure(label, verifyOne) {
  for (let i = 0; i < 500; i++) await verifyOne(tokens[i % tokens.length]); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await verifyOne(tokens[i % tokens.length]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = N / seconds;
  console.log(`${label.padEnd(46)} ${Math.round(perSecond).toString().padStart(8)} /s`);
  return perSecond;
}

const baseline = await measure('baseline: jose jwtVerify, key in hand', (token) =>
  jwtVerify(token, publicKey, { algorithms: ['ES256'], issuer, audience: `phase:${PHASE}` }),
);
const cold = createCoreTokenVerifier({ issuer, phase: PHASE, cacheSize: 0 });
const sdkCold = await measure('SDK verifier, cold (signature every time)', (token) =>
  cold(token, { courseId: course }),
);
const warm = createCoreTokenVerifier({ issuer, phase: PHASE });
const sdk = await measure('SDK verifier, warm (verified-token cache)', (token) =>
  warm(token, { courseId: course }),
);

const app = Fastify();
await app.register(coreAuthPlugin, { issuer, phase: PHASE });
app.get('/courses/:courseId/ping', async () => ({ ok: true }));
jwksCalls = 0;
let refused = 0;
const plugin = await measure('coreAuthPlugin, 10 000 requests via inject', async (token) => {
  const response = await app.inject({
    url: `/courses/${course}/ping`,
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.statusCode !== 200) refused++;
});
const callsDuringRequests = jwksCalls;

console.log('');
console.log(`SDK verifier cold / baseline:                   ${(sdkCold / baseline).toFixed(2)}x`);
console.log(`SDK verifier warm / baseline:                   ${(sdk / baseline).toFixed(2)}x`);
console.log(`plugin requests / baseline:                     ${(plugin / baseline).toFixed(2)}x`);
console.log(
  `HTTP calls to the core during ${N + 500} requests: ${callsDuringRequests} (JWKS fetched once on the first request)`,
);
console.log(`refused requests:                               ${refused}`);
console.log(
  `goal: >= 20000/s -> warm ${sdk >= 20_000 ? 'met' : 'NOT met'}, cold ${sdkCold >= 20_000 ? 'met' : 'NOT met'} (cold is bounded by P-256 verification on this CPU)`,
);
await app.close();
core.close();
