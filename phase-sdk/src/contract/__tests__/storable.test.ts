/**
 * NUL characters, lone surrogates and deep nesting are refused by the contract itself, in every
 * text field and JSON document: PostgreSQL cannot store the first two, and the third overflowed
 * the stack of whatever walked the document next.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findUnguardedFields } from '../../server/testing/index.js';
import * as contract from '../index.js';
import {
  findUnstorableJson,
  MAX_JSON_DEPTH,
  StoredDocument,
  storableJson,
  storableText,
  unstorableTextReason,
} from '../index.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

describe('storableText', () => {
  it.each([
    ['a NUL', 'abc\u0000def', 'NUL'],
    ['a lone high surrogate', 'x\ud800', 'surrogate'],
    ['a lone low surrogate', '\udc00y', 'surrogate'],
    ['a high surrogate before a non-surrogate', '\ud800a', 'surrogate'],
  ])('refuses %s, saying where', (_name, text, word) => {
    const result = storableText().safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(word);
    expect(unstorableTextReason(text)).toContain('at character');
  });

  it('accepts any well-formed text, astral characters included', () => {
    for (const text of ['', 'plain', 'Grüße 👩‍🏫 \ud83d\ude00', '\t\n\r\u0001\uffff']) {
      expect(storableText().parse(text)).toBe(text);
    }
  });

  it('keeps the usual string checks chainable', () => {
    const Title = storableText().trim().min(1).max(5);
    expect(Title.parse('  ab ')).toBe('ab');
    expect(Title.safeParse('abcdef').success).toBe(false);
    expect(Title.safeParse('a\u0000').success).toBe(false);
  });
});

describe('storableJson', () => {
  it('names the path of a NUL in a nested string or key', () => {
    const result = z.object({ doc: storableJson() }).safeParse({ doc: { a: [1, 'x\u0000'] } });
    expect(result.error?.issues[0]?.path).toEqual(['doc', 'a', 1]);
    expect(findUnstorableJson({ 'k\ud800': 1 })?.message).toContain('key');
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(storableJson().safeParse(nested(MAX_JSON_DEPTH)).success).toBe(true);
    const result = storableJson().safeParse(nested(MAX_JSON_DEPTH + 1));
    expect(result.error?.issues[0]?.message).toContain(`deeper than ${MAX_JSON_DEPTH}`);
  });

  it('refuses a document nested 5 000 and 1 000 000 levels deep without overflowing the stack', () => {
    for (const depth of [5_000, 1_000_000]) {
      const parsed = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      expect(
        StoredDocument.safeParse({ version: 1, doc: parsed, updatedAt: null, updatedBy: null })
          .success,
      ).toBe(false);
    }
  });

  it('refuses values JSON cannot carry', () => {
    for (const value of [undefined, Number.NaN, Infinity, new Date(), () => 1, 1n]) {
      expect(storableJson().safeParse(value).success).toBe(false);
    }
  });

  it('accepts ordinary documents unchanged', () => {
    const doc = { steps: [{ id: 'a', done: true, n: 1.5 }], note: null, empty: {} };
    expect(storableJson().parse(doc)).toEqual(doc);
  });
});

describe('the contract', () => {
  it('builds every text field from storableText() and every JSON value from storableJson()', () => {
    // Problems describe bad input and may quote it; they are never stored.
    const quotesInput =
      /^(Problem|FieldError|VersionConflict)\.(type|title|detail|code|instance|errors|path|message)\b/;
    expect(findUnguardedFields(contract).filter((path) => !quotesInput.test(path))).toEqual([]);
  });

  it('the audit finds plain strings, z.json() and z.unknown()', () => {
    const Bad = z.object({ a: z.string(), b: z.array(z.json()), c: z.unknown(), d: z.uuid() });
    expect(findUnguardedFields({ Bad })).toEqual([
      'Bad.a (text without storableText())',
      'Bad.b[] (recursive: use storableJson() for JSON values)',
      'Bad.c (unchecked unknown)',
    ]);
  });
});
