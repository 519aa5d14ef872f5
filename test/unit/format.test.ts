import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatCount, formatMoney, formatRelativeTime, formatText, MISSING } from '../../src/views/viewModels/format';
import { markdownText } from '../../src/views/viewModels/surfaceText';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 86_400_000;

test('money carries its currency and grouping', () => {
  assert.equal(formatMoney(1234.5, 'USD', 'en-US'), '$1,234.50');
  assert.equal(formatMoney(3.2, 'eur', 'en-US'), '€3.20');
  assert.equal(formatMoney(0, undefined, 'en-US'), '$0.00');
});

test('counts are grouped', () => {
  assert.equal(formatCount(1760, 'en-US'), '1,760');
  assert.equal(formatCount(0, 'en-US'), '0');
});

test('missing, NaN and infinite values read as a dash, never undefined/null/NaN', () => {
  for (const value of [undefined, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.equal(formatMoney(value, 'USD', 'en-US'), MISSING);
    assert.equal(formatCount(value, 'en-US'), MISSING);
    assert.equal(formatRelativeTime(value, NOW, 'en-US'), MISSING);
  }
  assert.equal(formatText('  '), MISSING);
  assert.equal(formatText(undefined), MISSING);
});

test('relative times pick the largest unit that fits', () => {
  assert.equal(formatRelativeTime(NOW + 12 * DAY, NOW, 'en-US'), 'in 12 days');
  assert.equal(formatRelativeTime(NOW - 3 * 3_600_000, NOW, 'en-US'), '3 hours ago');
  assert.equal(formatRelativeTime(NOW - 5_000, NOW, 'en-US'), 'now');
  assert.equal(formatRelativeTime(NOW - 2 * 60_000, NOW, 'en-US'), '2 minutes ago');
  assert.equal(formatRelativeTime(NOW + 400 * DAY, NOW, 'en-US'), 'next year');
});

test('markdown from a service cannot inject links or tables', () => {
  assert.equal(markdownText('[click](command:evil) | x'), '\\[click\\]\\(command\\:evil\\) \\| x');
});
