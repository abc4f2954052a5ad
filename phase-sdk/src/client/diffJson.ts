/**
 * What changed between two versions of a JSON document, as a list of changes a conflict dialog
 * can show ("someone added a step, renamed another"). Generic: objects are compared key by key,
 * and arrays of objects that each carry a unique `id` are compared by id (so an added, removed,
 * renamed or moved item reads as such, not as every later index changing); other arrays compare
 * index by index. `describeJsonChange` words a change for people.
 */

/** A key of an object, an index of an array, or an item of an id-keyed array. */
export type JsonPathSegment = string | number | { readonly id: string | number };

export interface JsonChange {
  /** Where: `['steps', { id: 'syllabus' }, 'label']`; `[]` for the whole document. */
  path: JsonPathSegment[];
  /** `reordered`: the same items of an id-keyed array in another order (`before`/`after`: ids). */
  kind: 'added' | 'removed' | 'changed' | 'reordered';
  /** The value before (absent for `added`). */
  before?: unknown;
  /** The value after (absent for `removed`). */
  after?: unknown;
}

type Id = string | number;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ids of an array whose items are all objects with a unique string or number `id`. */
function itemIds(items: readonly unknown[]): Id[] | null {
  const ids: Id[] = [];
  for (const item of items) {
    const id = isObject(item) ? item.id : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') return null;
    ids.push(id);
  }
  return new Set(ids).size === ids.length ? ids : null;
}

function diffArrays(
  path: JsonPathSegment[],
  before: readonly unknown[],
  after: readonly unknown[],
  out: JsonChange[],
): void {
  const beforeIds = itemIds(before);
  const afterIds = itemIds(after);
  // Empty arrays carry no ids; compare by id as soon as one side has them.
  const keyed =
    beforeIds && afterIds && (beforeIds.length > 0 || afterIds.length > 0)
      ? { beforeIds, afterIds }
      : null;
  if (!keyed) {
    const common = Math.min(before.length, after.length);
    for (let index = 0; index < common; index++) {
      diffValues([...path, index], before[index], after[index], out);
    }
    for (let index = common; index < before.length; index++) {
      out.push({ path: [...path, index], kind: 'removed', before: before[index] });
    }
    for (let index = common; index < after.length; index++) {
      out.push({ path: [...path, index], kind: 'added', after: after[index] });
    }
    return;
  }
  const afterById = new Map(keyed.afterIds.map((id, index) => [id, after[index]]));
  const beforeById = new Map(keyed.beforeIds.map((id, index) => [id, before[index]]));
  keyed.beforeIds.forEach((id, index) => {
    if (!afterById.has(id))
      out.push({ path: [...path, { id }], kind: 'removed', before: before[index] });
  });
  keyed.beforeIds.forEach((id) => {
    if (afterById.has(id))
      diffValues([...path, { id }], beforeById.get(id), afterById.get(id), out);
  });
  keyed.afterIds.forEach((id, index) => {
    if (!beforeById.has(id))
      out.push({ path: [...path, { id }], kind: 'added', after: after[index] });
  });
  const keptBefore = keyed.beforeIds.filter((id) => afterById.has(id));
  const keptAfter = keyed.afterIds.filter((id) => beforeById.has(id));
  if (keptBefore.some((id, index) => keptAfter[index] !== id)) {
    out.push({ path, kind: 'reordered', before: keptBefore, after: keptAfter });
  }
}

function diffValues(
  path: JsonPathSegment[],
  before: unknown,
  after: unknown,
  out: JsonChange[],
): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    diffArrays(path, before, after, out);
  } else if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after)) out.push({ path: [...path, key], kind: 'removed', before: before[key] });
      else diffValues([...path, key], before[key], after[key], out);
    }
    for (const key of Object.keys(after)) {
      if (!(key in before)) out.push({ path: [...path, key], kind: 'added', after: after[key] });
    }
  } else if (before === undefined && after !== undefined) {
    out.push({ path, kind: 'added', after });
  } else if (before !== undefined && after === undefined) {
    out.push({ path, kind: 'removed', before });
  } else if (!Object.is(before, after)) {
    out.push({ path, kind: 'changed', before, after });
  }
}

/**
 * The changes that turn `before` into `after` (`undefined` for a document not written yet).
 *
 * @example
 * diffJson({ steps: [{ id: 'a', label: 'A' }] }, { steps: [{ id: 'a', label: 'B' }] });
 * // [{ path: ['steps', { id: 'a' }, 'label'], kind: 'changed', before: 'A', after: 'B' }]
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  diffValues([], before, after, out);
  return out;
}

/** `steps[id=syllabus].label`; `(the document)` for the empty path. */
export function formatJsonPath(path: readonly JsonPathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string') text += text ? `.${segment}` : segment;
    else text += `[id=${segment.id}]`;
  }
  return text || '(the document)';
}

/** A value as short JSON: `"Read the syllabus"`, `{"id":"a","label":"A"}` (cut at 60 characters). */
export function formatJsonValue(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/**
 * One line for people.
 *
 * @example
 * describeJsonChange({ path: ['title'], kind: 'changed', before: 'A', after: 'B' });
 * // 'changed title from "A" to "B"'
 */
export function describeJsonChange(change: JsonChange): string {
  const where = formatJsonPath(change.path);
  switch (change.kind) {
    case 'added':
      return `added ${where}: ${formatJsonValue(change.after)}`;
    case 'removed':
      return `removed ${where} (was ${formatJsonValue(change.before)})`;
    case 'reordered':
      return `reordered ${where}`;
    case 'changed':
      return `changed ${where} from ${formatJsonValue(change.before)} to ${formatJsonValue(change.after)}`;
  }
}
