/**
 * `defineDocuments` declares the documents a phase keeps in core storage, each with its zod
 * schema, and returns typed handles: `documents.course.shared`, `documents.participant.own`, ...
 * A handle is all a hook or the storage client needs to read, check and write its document, and
 * its type decides what compiles: the data type comes from the schema, and a participant handle
 * cannot be used where a course-phase document is expected. A document may also define how two
 * edits of it merge (`defineDocument(schema, { merge })`), which the conflict of a draft offers.
 */
import type { z } from 'zod';
import type { CourseDataScope, ParticipantDataScope } from '../contract/index.js';

export const DOCUMENTS_MARKER = 'coursekit.documents/v1';

const COURSE_SCOPES: readonly CourseDataScope[] = ['shared', 'restricted'];
const PARTICIPANT_SCOPES: readonly ParticipantDataScope[] = ['own', 'restricted'];

/**
 * A three-way merge of a document: `base` is what both edits started from (`undefined` when
 * nothing was stored), `mine` the edit being saved, `theirs` what someone else stored meanwhile.
 * Pure; the result is checked against the schema before it is saved.
 */
export interface DocumentMerge<T> {
  // Method syntax on purpose: a definition for one schema must fit where any schema's is expected.
  merge(base: T | undefined, mine: T, theirs: T): T;
}

/** A document's schema with an optional merge: what `defineDocument` returns. */
export interface DocumentDefinition<S extends z.ZodType = z.ZodType>
  extends Partial<DocumentMerge<z.output<S>>> {
  readonly schema: S;
}

/** A course-phase document: `shared` (members read, staff write) or `restricted` (staff only). */
export interface CourseDocumentHandle<S extends z.ZodType = z.ZodType>
  extends Partial<DocumentMerge<z.output<S>>> {
  readonly level: 'course';
  readonly scope: CourseDataScope;
  readonly schema: S;
}

/**
 * A document per participant: `own` (the participant and staff) or `restricted` (staff only, the
 * participant cannot read it).
 */
export interface ParticipantDocumentHandle<S extends z.ZodType = z.ZodType>
  extends Partial<DocumentMerge<z.output<S>>> {
  readonly level: 'participant';
  readonly scope: ParticipantDataScope;
  readonly schema: S;
}

export type DocumentHandle<S extends z.ZodType = z.ZodType> =
  | CourseDocumentHandle<S>
  | ParticipantDocumentHandle<S>;

/** The data type of a handle's documents (the schema's output). */
export type DocumentData<H extends DocumentHandle> = z.output<H['schema']>;

type Definition = z.ZodType | DocumentDefinition;
type CourseSchemas = { readonly [K in CourseDataScope]?: Definition };
type ParticipantSchemas = { readonly [K in ParticipantDataScope]?: Definition };
/** The schema of a definition: the schema itself, or `defineDocument`'s `schema`. */
type SchemaOf<D> = D extends z.ZodType ? D : D extends DocumentDefinition<infer S> ? S : never;
/** Keys of `T` that are not in `Allowed` must not exist (catches typos such as `shard`). */
type Only<T, Allowed extends string> = T & { readonly [K in Exclude<keyof T, Allowed>]: never };

/** What `defineDocuments` returns, whatever the schemas: the type `definePhase` accepts. */
export interface AnyPhaseDocuments {
  readonly kind: typeof DOCUMENTS_MARKER;
  readonly course: { readonly [K in CourseDataScope]?: CourseDocumentHandle };
  readonly participant: { readonly [K in ParticipantDataScope]?: ParticipantDocumentHandle };
}

/** The handles of the declared scopes, one per schema given to `defineDocuments`. */
export interface PhaseDocuments<C extends CourseSchemas, P extends ParticipantSchemas>
  extends AnyPhaseDocuments {
  readonly course: {
    readonly [K in keyof C & CourseDataScope]-?: CourseDocumentHandle<SchemaOf<NonNullable<C[K]>>>;
  };
  readonly participant: {
    readonly [K in keyof P & ParticipantDataScope]-?: ParticipantDocumentHandle<
      SchemaOf<NonNullable<P[K]>>
    >;
  };
}

function isSchema(value: unknown): value is z.ZodType {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { safeParse?: unknown }).safeParse === 'function'
  );
}

type Handle<L> = {
  level: L;
  scope: string;
  schema: z.ZodType;
  merge?: DocumentMerge<unknown>['merge'];
};

function handles<L extends 'course' | 'participant'>(
  level: L,
  scopes: readonly string[],
  definitions: Record<string, unknown> | undefined,
): Record<string, Handle<L>> {
  const result: Record<string, Handle<L>> = {};
  for (const [scope, definition] of Object.entries(definitions ?? {})) {
    if (!scopes.includes(scope)) {
      throw new TypeError(
        `defineDocuments: "${scope}" is not a ${level} scope; use ${scopes.map((s) => `${level}.${s}`).join(' or ')}.`,
      );
    }
    if (definition === undefined) continue;
    if (isSchema(definition)) {
      result[scope] = Object.freeze({ level, scope, schema: definition });
      continue;
    }
    const { schema, merge } = (definition ?? {}) as Partial<DocumentDefinition>;
    if (!isSchema(schema)) {
      throw new TypeError(
        `defineDocuments: ${level}.${scope} must be a zod schema (e.g. z.object({ ... })) or defineDocument(schema, { merge }), got ${typeof definition}.`,
      );
    }
    if (merge !== undefined && typeof merge !== 'function') {
      throw new TypeError(
        `defineDocuments: the merge of ${level}.${scope} must be a function (base, mine, theirs) => merged, got ${typeof merge}.`,
      );
    }
    result[scope] = Object.freeze({ level, scope, schema, ...(merge ? { merge } : {}) });
  }
  return result;
}

/**
 * A document's schema with how two edits of it merge: when a draft meets a newer stored version,
 * its conflict offers `merge(base, mine, theirs)` instead of overwriting theirs.
 *
 * @example
 * const Checklist = z.object({ steps: z.array(Step) });
 * defineDocuments({ course: { shared: defineDocument(Checklist, { merge: mergeChecklist }) } });
 */
export function defineDocument<S extends z.ZodType>(
  schema: S,
  options: Partial<DocumentMerge<z.output<S>>> = {},
): DocumentDefinition<S> {
  return Object.freeze({ schema, ...(options.merge ? { merge: options.merge } : {}) });
}

/**
 * Declare the phase's documents, one zod schema per scope it uses.
 *
 * @example
 * export const documents = defineDocuments({
 *   course: { shared: z.object({ steps: z.array(Step) }) },
 *   participant: { own: z.object({ done: z.array(z.string()) }) },
 * });
 * // in a component:
 * const checklist = useCourseData(documents.course.shared);
 * const progress = useMyData(documents.participant.own);
 */
export function defineDocuments<
  const C extends CourseSchemas = Record<never, never>,
  const P extends ParticipantSchemas = Record<never, never>,
>(schemas: {
  course?: Only<C, CourseDataScope>;
  participant?: Only<P, ParticipantDataScope>;
}): PhaseDocuments<C, P> {
  for (const key of Object.keys(schemas ?? {})) {
    if (key !== 'course' && key !== 'participant') {
      throw new TypeError(
        `defineDocuments: "${key}" is not a document level; use { course: { shared, restricted }, participant: { own, restricted } }.`,
      );
    }
  }
  return Object.freeze({
    kind: DOCUMENTS_MARKER,
    course: Object.freeze(handles('course', COURSE_SCOPES, schemas?.course)),
    participant: Object.freeze(handles('participant', PARTICIPANT_SCOPES, schemas?.participant)),
  }) as unknown as PhaseDocuments<C, P>;
}

/** Narrow an unknown value to what `defineDocuments` returns. */
export function isPhaseDocuments(value: unknown): value is AnyPhaseDocuments {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === DOCUMENTS_MARKER
  );
}
