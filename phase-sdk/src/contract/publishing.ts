/**
 * Who may publish phases, on the wire: **phase publishers** (users an admin allowed to publish one
 * phase) and **API tokens** (what the `coursekit-phase publish` command and CI jobs authenticate
 * with instead of a session). A token belongs to a user and is scoped to one phase, or to every
 * phase for an admin; the secret is shown once, when it is created, and only its hash is kept.
 * Who may hold and use which scope is decided by `publishRefusal` in `permissions.ts`.
 */
import { z } from 'zod';
import { PhaseName } from './phaseDescriptor.js';
import { storableText } from './storable.js';
import { Email, Id } from './user.js';

/** Every API token starts with this, so that it is recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = 'ckp_';

/** Longest lifetime of an API token, in days. */
export const MAX_API_TOKEN_DAYS = 365;

const Person = z.object({ id: Id, email: Email, name: storableText() });

export const PhasePublisher = z.object({
  phase: PhaseName,
  user: Person,
  grantedAt: z.iso.datetime({ offset: true }),
});
export type PhasePublisher = z.infer<typeof PhasePublisher>;

/** Make a user a publisher of one phase (which need not be registered yet). */
export const GrantPhasePublisher = z.object({ phase: PhaseName, email: Email });
export type GrantPhasePublisher = z.infer<typeof GrantPhasePublisher>;

export const PhasePublisherParams = z.object({ phase: PhaseName, userId: Id });

export const ApiToken = z.object({
  id: Id,
  /** What the token is for, e.g. "CI of peer-review". */
  name: storableText(),
  user: Person,
  /** The one phase it may publish; `null`: every phase (admins' tokens only). */
  phase: PhaseName.nullable(),
  createdAt: z.iso.datetime({ offset: true }),
  expiresAt: z.iso.datetime({ offset: true }),
  revokedAt: z.iso.datetime({ offset: true }).nullable(),
  lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateApiToken = z.object({
  /** The user the token acts as: an admin, or a publisher of `phase`. */
  email: Email,
  name: storableText().trim().min(1).max(100),
  phase: PhaseName.nullable(),
  expiresInDays: z.number().int().min(1).max(MAX_API_TOKEN_DAYS).default(90),
});
/** What a client sends (`expiresInDays` optional, 90 by default). */
export type CreateApiToken = z.input<typeof CreateApiToken>;

/** The answer to creating a token: the only time the secret is ever shown. */
export const CreatedApiToken = z.object({
  token: storableText().startsWith(API_TOKEN_PREFIX),
  apiToken: ApiToken,
});
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const ApiTokenParams = z.object({ tokenId: Id });
