/**
 * Before → after of an audit entry as lines a person reads: the fields that changed, each with
 * its old and new value (JSON when not a plain value). Created entries list what was set,
 * removed ones what was there.
 */
export interface ChangeLine {
  field: string;
  before: string | null;
  after: string | null;
}

const show = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function describeChange(before: unknown, after: unknown): ChangeLine[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return [];
    return [
      {
        field: 'value',
        before: before == null ? null : show(before),
        after: after == null ? null : show(after),
      },
    ];
  }
  const old = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  return fields
    .filter((field) => JSON.stringify(old[field]) !== JSON.stringify(now[field]))
    .filter((field) => !(field === 'id' || field.endsWith('Id')) || !(field in old && field in now))
    .map((field) => ({
      field,
      before: field in old ? show(old[field]) : null,
      after: field in now ? show(now[field]) : null,
    }));
}
