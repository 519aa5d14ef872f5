// The last good snapshot of each service, kept in globalState so the panel and the status bar
// show something the moment VS Code starts. Snapshots hold no token by construction.
import type * as vscode from 'vscode';
import type { AccountSnapshot } from '../core/model';

const CACHE_KEY = 'accountGlance.snapshots.v1';

type CachedSnapshots = Record<string, AccountSnapshot>;

export class SnapshotCache {
  constructor(private readonly memento: vscode.Memento) {}

  load(): AccountSnapshot[] {
    const cached = this.memento.get<CachedSnapshots>(CACHE_KEY);
    if (!cached || typeof cached !== 'object') return [];
    return Object.values(cached).filter(isSnapshotLike);
  }

  save(snapshot: AccountSnapshot): Thenable<void> {
    return this.memento.update(CACHE_KEY, { ...this.entries(), [snapshot.serviceId]: snapshot });
  }

  remove(serviceId: string): Thenable<void> {
    const entries = this.entries();
    if (!(serviceId in entries)) return Promise.resolve();
    delete entries[serviceId];
    return this.memento.update(CACHE_KEY, entries);
  }

  private entries(): CachedSnapshots {
    return { ...(this.memento.get<CachedSnapshots>(CACHE_KEY) ?? {}) };
  }
}

/** A cache written by an older release may lack fields: such an entry is skipped, not shown half-broken. */
function isSnapshotLike(value: unknown): value is AccountSnapshot {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<AccountSnapshot>;
  return (
    typeof candidate.serviceId === 'string' &&
    typeof candidate.fetchedAt === 'number' &&
    Array.isArray(candidate.counters) &&
    Array.isArray(candidate.problems) &&
    Array.isArray(candidate.lists) &&
    typeof candidate.identity === 'object' &&
    typeof candidate.plan === 'object'
  );
}
