// SerialState over globalState as VS Code implements it (test/support/echoingMemento.ts): an update
// made while another is on its way is neither undone by the other's echo nor lost, and reads see
// every update at once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALERT_KINDS, decideAlerts, type AlertKind } from '../../src/core/alerts/alertCrossings';
import { AlertMemoryStore } from '../../src/storage/alertMemoryStore';
import { SerialState } from '../../src/storage/serialState';
import { FIXED_NOW } from '../support/clock';
import { EchoingMemento } from '../support/echoingMemento';

const hops = async (count: number) => {
  for (let index = 0; index < count; index++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('SerialState', () => {
  // Every moment at which the second update can come: before the first is sent, while it travels,
  // before and after its echo. In VS Code's own globalState some of these undo or lose the second.
  for (let delay = 0; delay <= 5; delay++) {
    test(`an update made ${delay} hops after another, to another key, is read at once and kept`, async () => {
      const memento = new EchoingMemento();
      const state = new SerialState(memento);
      const first = state.update('cache', { snapshot: 1 });
      await hops(delay);
      const second = state.update('alerts', { notified: [] });
      assert.deepEqual(state.get('alerts'), { notified: [] }, 'read at once');
      await first;
      assert.deepEqual(state.get('alerts'), { notified: [] }, 'still read after the first one’s echo');
      await second;
      for (const [key, value] of [
        ['cache', { snapshot: 1 }],
        ['alerts', { notified: [] }],
      ] as const) {
        assert.deepEqual(state.get(key), value, `${key} read back`);
        assert.deepEqual(memento.storedValue(key), value, `${key} stored for the next start`);
      }
    });
  }

  test('the later of two updates to one key wins, in what is read and what is stored', async () => {
    const memento = new EchoingMemento();
    const state = new SerialState(memento);
    const updates = [state.update('key', 1), state.update('key', 2)];
    assert.equal(state.get('key'), 2);
    await Promise.all(updates);
    assert.equal(state.get('key'), 2);
    assert.equal(memento.storedValue('key'), 2);
  });

  test('keys() lists held updates and leaves out held deletions', async () => {
    const memento = new EchoingMemento();
    const state = new SerialState(memento);
    await state.update('gone', 1);
    const updates = [state.update('new', 1), state.update('gone', undefined)];
    assert.deepEqual(state.keys(), ['new']);
    await Promise.all(updates);
    assert.deepEqual(state.keys(), ['new']);
  });

  test('a failed update rejects its caller, and the updates after it still go through', async () => {
    let failNext = true;
    const memento = new EchoingMemento();
    const failing = {
      get: (key: string) => memento.get(key),
      update: (key: string, value: unknown) => {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('disk full'));
        }
        return memento.update(key, value);
      },
    };
    const state = new SerialState(failing);
    const failed = state.update('a', 1);
    const next = state.update('b', 2);
    await assert.rejects(failed, /disk full/);
    await next;
    assert.equal(memento.storedValue('b'), 2);
  });

  for (const gap of [1, 2]) {
    test(`alerts: a top-up re-arms the low-credit alert, though the snapshot cache was written ${gap} hops before each decision`, async () => {
      // A refresh writes the cache, then the alert memory a moment later (and the credit history).
      const memento = new EchoingMemento();
      const state = new SerialState(memento);
      const store = new AlertMemoryStore(state);
      const everyKind = { enabledKinds: new Set<AlertKind>(ALERT_KINDS) };
      const said: AlertKind[][] = [];
      for (const [index, active] of [['lowCredit'], ['lowCredit'], [], ['lowCredit']].entries()) {
        const cached = state.update('accountGlance.snapshotCache', { refresh: index });
        await hops(gap);
        const decided = await store.update('signeasy', (memory) =>
          decideAlerts(memory, new Set(active as AlertKind[]), FIXED_NOW, everyKind),
        );
        said.push(decided.notify);
        await cached;
      }
      assert.deepEqual(said, [['lowCredit'], [], [], ['lowCredit']]);
    });
  }
});
