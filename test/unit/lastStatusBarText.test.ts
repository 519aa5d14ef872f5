// The status-bar text the next start paints before anything is rendered: kept only when shown,
// written only when it changed, and read as untrusted (any release, or damage, may have written it).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LastGlanceStore } from '../../src/storage/lastStatusBarText';
import type { GlanceView } from '../../src/views/viewModels/statusBarView';
import { MemoryState } from '../support/memoryState';

const KEY = 'accountGlance.lastGlance';
const shown: GlanceView = {
  visible: true,
  text: '$(credit-card) LP $18.75 · SE 1,760',
  tooltip: '**Leadping** [Refresh](command:accountGlance.refresh)',
  background: 'warning',
  accessibilityLabel: 'Leadping $18.75, Signeasy 1,760 envelopes',
};
const hidden: GlanceView = { visible: false, text: '', tooltip: '', background: 'none', accessibilityLabel: '' };

describe('LastGlanceStore', () => {
  test('keeps what a shown item says, without its tooltip, and gives it back at the next start', async () => {
    const state = new MemoryState();
    await new LastGlanceStore(state).remember(shown);
    assert.deepEqual(state.get(KEY), { version: 1, text: shown.text, accessibilityLabel: shown.accessibilityLabel, background: 'warning' });
    assert.deepEqual(new LastGlanceStore(state).read(), {
      text: shown.text,
      accessibilityLabel: shown.accessibilityLabel,
      background: 'warning',
    });
  });

  test('a hidden item, or one that could not be drawn, leaves nothing to paint', async () => {
    const state = new MemoryState();
    const store = new LastGlanceStore(state);
    await store.remember(shown);
    await store.remember(hidden);
    assert.equal(state.get(KEY), undefined);
    await store.remember(shown);
    await store.remember({ ...shown, undrawable: true });
    assert.equal(new LastGlanceStore(state).read(), undefined);
  });

  test('writes only a change: most renders repeat the last one', async () => {
    const state = new MemoryState();
    const store = new LastGlanceStore(state);
    for (let render = 0; render < 5; render++) await store.remember(shown);
    const newTooltip: GlanceView = { ...shown, tooltip: 'another tooltip' };
    await store.remember(newTooltip);
    assert.equal(state.updates, 1);
    await store.remember({ ...shown, text: 'LP $17.00' });
    assert.equal(state.updates, 2);
  });

  test('anything but this version’s shape reads as nothing: damage, a newer release, odd values, a getter that throws', () => {
    const good = { version: 1, text: 'LP $1', accessibilityLabel: 'Leadping $1', background: 'none' };
    for (const value of [
      null,
      'LP $1',
      [],
      { ...good, version: 2 },
      { ...good, text: 42 },
      { ...good, text: '' },
      { ...good, text: 'x'.repeat(1_001) },
      { ...good, accessibilityLabel: undefined },
      { ...good, background: 'purple' },
    ]) {
      assert.equal(new LastGlanceStore(new MemoryState({ [KEY]: value })).read(), undefined, JSON.stringify(value)?.slice(0, 60));
    }
    const unreadable = new MemoryState({ [KEY]: good });
    unreadable.failReads = true;
    assert.equal(new LastGlanceStore(unreadable).read(), undefined);
    assert.deepEqual(new LastGlanceStore(new MemoryState({ [KEY]: good })).read(), {
      text: 'LP $1',
      accessibilityLabel: 'Leadping $1',
      background: 'none',
    });
  });
});
