/**
 * Phase tokens: short-lived ES256 JWTs the registry issues to a course member for one course phase.
 * Phase servers verify them locally against the registry's JWKS (`verifyCoreToken`).
 */
import { z } from 'zod';
import { storableJson, storableText } from './storable.js';
import { CourseRole, Id } from './user.js';

export const PhaseToken = z.object({
  token: storableText(),
  /** ISO time after which the token is refused; refresh before it. */
  expiresAt: z.iso.datetime({ offset: true }),
});
export type PhaseToken = z.infer<typeof PhaseToken>;

/** The audience of a phase's tokens: a token for phase A is refused by phase B's server. */
export const phaseAudience = (phase: string) => `phase:${phase}`;

/** The claims of a verified phase token. */
export const CoreTokenClaims = z.object({
  sub: Id,
  aud: storableText().startsWith('phase:'),
  iss: storableText(),
  course: Id,
  coursePhase: Id,
  role: CourseRole,
  iat: z.number(),
  exp: z.number(),
  nbf: z.number().optional(),
  jti: storableText().optional(),
});
export type CoreTokenClaims = z.infer<typeof CoreTokenClaims>;

export const CoursePhaseIdParams = z.object({ coursePhaseId: Id });

/** `GET /.well-known/jwks.json`: the public keys that verify phase tokens (pending, current, previous). */
export const Jwks = z.object({ keys: z.array(z.record(storableText(), storableJson())) });
export type Jwks = z.infer<typeof Jwks>;

/** `POST /api/admin/signing-keys/rotate`: `immediate` only after a key compromise. */
export const RotateSigningKey = z
  .object({ immediate: z.boolean().default(false) })
  .default({ immediate: false });
export const RotatedSigningKey = z.object({
  kid: storableText(),
  activatesAt: z.iso.datetime({ offset: true }),
  /** Keys an immediate rotation deleted: no longer published, their tokens refused. */
  retired: z.array(storableText()),
});
export type RotatedSigningKey = z.infer<typeof RotatedSigningKey>;
