// storedSchema: how a refusal by a stored shape's schema becomes a reason, whatever shape it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as v from 'valibot';
import { extra, NUMBER, reasonFor, storedList, storedObject, storedVariant, TEXT } from '../../src/core/storedSchema';

const Shape = storedObject({
  name: TEXT,
  unit: storedVariant('kind', [v.object({ kind: v.literal('count') })], 'is not count'),
  rows: storedList(storedObject({ id: TEXT, size: v.optional(NUMBER) })),
  note: extra(storedObject({ text: TEXT })),
});

function reason(value: unknown): string {
  const reading = v.safeParse(Shape, value, { abortEarly: true });
  assert.equal(reading.success, false, 'expected a refusal');
  return reading.success ? '' : reasonFor(reading.issues, 'the shape');
}

const valid = { name: 'a', unit: { kind: 'count' }, rows: [{ id: 'x' }] };

describe('reasonFor', () => {
  test("an issue's path reaches the reason, list indexes in brackets", () => {
    assert.equal(reason({ ...valid, rows: [{ id: 'x' }, { id: 'y', size: '3' }] }), 'rows[1].size is not a finite number');
    assert.equal(reason({ ...valid, rows: [{ id: 'x' }, { id: 'x' }] }), 'rows[1].id repeats an earlier id');
  });

  test('absent and undefined are "has no", at the top level too', () => {
    assert.equal(reason({ ...valid, name: undefined }), 'the shape has no name');
    assert.equal(reason({ ...valid, unit: {} }), 'unit has no kind');
    assert.equal(reason([valid]), 'the shape is not an object');
  });

  test('a discriminator of the wrong type is named as any wrong field is', () => {
    assert.equal(reason({ ...valid, unit: { kind: 3 } }), 'unit.kind is not a string');
    assert.equal(reason({ ...valid, unit: { kind: 'money' } }), 'unit.kind is not count');
  });
});

describe('extra', () => {
  test('an extra that does not read is left out, and the rest reads', () => {
    const reading = v.safeParse(Shape, { ...valid, note: { text: 5 } });
    assert.ok(reading.success);
    assert.equal('note' in reading.output, false);
    assert.deepEqual(v.parse(Shape, { ...valid, note: { text: 'n', more: 1 } }).note, { text: 'n' });
  });
});
