import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dateTimeFormat, keptFormatterCount, numberFormat } from '../../src/views/viewModels/intlFormats';

test('a formatter is built once per locale and options, and formats as a new one would', () => {
  const options = { style: 'currency', currency: 'EUR' } as const;
  const first = numberFormat('de-DE', options);
  // Compared with === (not assert.equal): node:test's reporter cannot print an Intl object.
  assert.ok(numberFormat('de-DE', { style: 'currency', currency: 'EUR' }) === first, 'the same options, the same formatter');
  assert.equal(first.format(1234.5), new Intl.NumberFormat('de-DE', options).format(1234.5));
  assert.ok(numberFormat('fr-FR', options) !== first, 'another locale, another formatter');
  assert.ok(numberFormat('de-DE', { style: 'currency', currency: 'USD' }) !== first, 'other options, another formatter');
  assert.ok(dateTimeFormat('de-DE', {}) !== dateTimeFormat('de-DE', { dateStyle: 'medium' }), 'other options, another formatter');
});

test('what Intl refuses to build throws each time and is never kept', () => {
  const before = keptFormatterCount();
  for (let attempt = 0; attempt < 2; attempt++) {
    assert.throws(() => numberFormat('en-US', { style: 'currency', currency: 'NOT A CODE' }), RangeError);
    assert.throws(() => dateTimeFormat('en-US', { timeZone: 'Nowhere/Atlantis' }), RangeError);
  }
  assert.equal(keptFormatterCount(), before);
});

test('however many currencies a service names, at most 200 formatters are kept', () => {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const first of letters) for (const second of letters) numberFormat('en-US', { style: 'currency', currency: `X${first}${second}` });
  assert.ok(keptFormatterCount() <= 200, `${keptFormatterCount()} kept`);
  const newest = numberFormat('en-US', { style: 'currency', currency: 'XZZ' });
  assert.ok(numberFormat('en-US', { style: 'currency', currency: 'XZZ' }) === newest, 'the newest is kept');
});
