// A folder of JSON files, one per account (under context.globalStorageUri): where credit history
// lives, out of globalState, whose every update VS Code stores whole and loads at every start.
//
// Every write goes to a temporary file of its own and is then renamed over the account's file, so a
// reader (this window or another, in another process) sees the old file or the new one, never half
// of one. Two windows writing the same account's file at once: the last rename wins whole.
//
// No `vscode` import: plain node:fs, tested in plain Node against a temporary folder.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';

/**
 * What a read found: no file, a JSON value, or a file that could not be read or parsed (with why,
 * never its text). A value comes with the identity of the file it was read from (see identity()).
 */
export type StoredFile =
  | { readonly kind: 'missing' }
  | { readonly kind: 'value'; readonly value: unknown; readonly identity: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** Windows refuses a rename over a file another process has open for a moment: retried this often, this far apart. */
const RENAME_ATTEMPTS = 5;
const RENAME_RETRY_MS = 20;
/** A temporary file is renamed within milliseconds of being written; one this old was left by a process that stopped between the two. */
const LEFTOVER_AGE_MS = 10 * 60_000;
/** A temporary file's name: this process and a random part, so no two writes (of any window) share one. */
const temporaryName = (): string => `.write-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
/** Names temporaryName() makes, and only those. */
const TEMPORARY_NAME = /^\.write-\d+-[0-9a-f]+\.tmp$/;

export class HistoryFiles {
  constructor(readonly folder: string) {}

  /** The account's file; the name is the account key with every character beyond [a-z0-9_~-] escaped (%41 for A), so it is safe on every file system, case-insensitive ones too. */
  fileOf(accountKey: string): string {
    const name = accountKey.replace(/[^a-z0-9_~-]/g, (character) =>
      [...Buffer.from(character, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
    return join(this.folder, `${name}.json`);
  }

  /** Never rejects. */
  async read(accountKey: string): Promise<StoredFile> {
    let text: string;
    let identity: string;
    try {
      const handle = await open(this.fileOf(accountKey), 'r');
      try {
        // Of the file as opened: another window's rename cannot slip in between the two.
        identity = identityOf(await handle.stat({ bigint: true }));
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unreadable', reason: `the history file could not be read (${errorCode(error) ?? 'unknown error'})` };
    }
    try {
      return { kind: 'value', value: JSON.parse(text) as unknown, identity };
    } catch {
      return { kind: 'unreadable', reason: 'the history file is not JSON' };
    }
  }

  /**
   * The identity of the account's file now (undefined when there is none): it changes with every
   * write, in any process, since each write is a new file (its own inode, size and time) renamed
   * into place. Never rejects.
   */
  async identity(accountKey: string): Promise<string | undefined> {
    try {
      return identityOf(await stat(this.fileOf(accountKey), { bigint: true }));
    } catch {
      return undefined;
    }
  }

  /** Replaces the account's file with `value` as JSON, whole (a temporary file renamed over it); resolves the new file's identity. */
  async write(accountKey: string, value: unknown): Promise<string> {
    const temporary = await this.writeTemporary(value);
    try {
      // A rename keeps the file's inode, size and time: the identity the file will have.
      const identity = identityOf(await stat(temporary, { bigint: true }));
      await renameRetrying(temporary, this.fileOf(accountKey));
      return identity;
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Writes `value` as the account's file only if it has none; resolves whether it did. The new file
   * appears whole (a hard link to a temporary file); where links are not supported, a file found
   * there first is kept, though another process could then slip in between the look and the rename.
   */
  async createIfAbsent(accountKey: string, value: unknown): Promise<boolean> {
    const temporary = await this.writeTemporary(value);
    const file = this.fileOf(accountKey);
    try {
      await link(temporary, file);
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      if ((await this.read(accountKey)).kind !== 'missing') return false;
      await renameRetrying(temporary, file);
      return true;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  /** Deletes the account's file; nothing to delete is fine. */
  async remove(accountKey: string): Promise<void> {
    try {
      await unlink(this.fileOf(accountKey));
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
  }

  /**
   * Deletes temporary files a process left behind when it stopped between writing one and renaming it
   * (a crash, a killed window): those last written more than ten minutes before `now`, so that another
   * window's write under way is never touched. Resolves how many went; never rejects.
   */
  async removeLeftovers(now: number): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names.filter((candidate) => TEMPORARY_NAME.test(candidate))) {
      const file = join(this.folder, name);
      try {
        if (now - (await stat(file)).mtimeMs < LEFTOVER_AGE_MS) continue;
        await unlink(file);
        removed++;
      } catch {
        // Renamed or removed by its own window meanwhile, or not ours to remove: left alone.
      }
    }
    return removed;
  }

  /** A temporary file beside the account's (same file system, so the rename is atomic) holding `value`; its name is this write's alone. */
  private async writeTemporary(value: unknown): Promise<string> {
    const temporary = join(this.folder, temporaryName());
    const text = JSON.stringify(value);
    await mkdir(this.folder, { recursive: true });
    await writeFile(temporary, text, 'utf8');
    return temporary;
  }
}

function identityOf(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}`;
}

async function renameRetrying(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const busy = ['EPERM', 'EBUSY', 'EACCES'].includes(errorCode(error) ?? '');
      if (!busy || attempt >= RENAME_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RENAME_RETRY_MS * attempt));
    }
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
