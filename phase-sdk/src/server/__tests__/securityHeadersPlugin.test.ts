/**
 * The security headers are computed once, at registration: every answer still gets all of them,
 * HSTS only over https, and a route that sets its own policy (the registry's host page) keeps it.
 */
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeadersPlugin } from '../index.js';

async function serverWith(options: Parameters<typeof securityHeadersPlugin>[1]) {
  const app = Fastify();
  await app.register(securityHeadersPlugin, options);
  app.get('/json', async () => ({ ok: true }));
  app.get('/page', async (_request, reply) =>
    reply.header('content-security-policy', "default-src 'self'").type('text/html').send('<p>'),
  );
  app.get('/fails', async () => {
    throw new Error('boom');
  });
  return app;
}

describe('securityHeadersPlugin', () => {
  it('puts the same headers on every answer, errors and unknown routes included', async () => {
    const app = await serverWith({
      directives: { 'default-src': null, 'frame-ancestors': ["'self'"], 'object-src': ["'none'"] },
      resourcePolicy: 'cross-origin',
      secure: false,
    });
    const answers = await Promise.all(
      ['/json', '/json', '/fails', '/nope'].map((url) => app.inject({ url })),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 500, 404]);
    for (const answer of answers) {
      expect(answer.headers).toMatchObject({
        'content-security-policy': "frame-ancestors 'self';object-src 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'cross-origin-resource-policy': 'cross-origin',
        'referrer-policy': 'no-referrer',
      });
      expect(answer.headers['strict-transport-security']).toBeUndefined();
      expect(answer.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(answer.headers['x-powered-by']).toBeUndefined();
    }
    await app.close();
  });

  it('sends HSTS over https and DENY when no page may frame the answers', async () => {
    const app = await serverWith({
      directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
      resourcePolicy: 'same-origin',
      secure: true,
    });
    const answer = await app.inject({ url: '/json' });
    expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(answer.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
    await app.close();
  });

  it('leaves a policy a route sets on its own answer in place', async () => {
    const app = await serverWith({
      directives: { 'default-src': null, 'frame-ancestors': ["'self'"] },
      resourcePolicy: 'cross-origin',
      secure: false,
    });
    const answer = await app.inject({ url: '/page' });
    expect(answer.headers['content-security-policy']).toBe("default-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });
});
