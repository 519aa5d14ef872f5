// Two windows are two processes: both recording the same account's credit history at once must
// never leave a torn file, nor lose the file. This test starts two writer processes (this same
// file, run with HISTORY_WRITER set) that record into one account's file as fast as they can,
// while this process reads it over and over: every read must be the whole of one write.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { samplesOf } from '../../src/core/history/creditHistory';
import { readAccountHistory } from '../../src/core/history/storedHistory';
import { CreditHistoryStore } from '../../src/storage/creditHistoryStore';
import { HistoryFiles } from '../../src/storage/historyFiles';
import { HISTORY_START, HOUR_MS, snapshotAt } from '../support/historyBuilder';

const RECORDS_PER_WRITER = 150;
const ACCOUNT = 'leadping';

/** A writer process: waits for the start file, then records RECORDS_PER_WRITER snapshots, its values offset by its number. */
async function runWriter(folder: string, writer: number): Promise<void> {
  while (!existsSync(join(folder, '..', 'go'))) await new Promise((resolve) => setTimeout(resolve, 5));
  const store = new CreditHistoryStore(new HistoryFiles(folder));
  for (let index = 0; index < RECORDS_PER_WRITER; index++) {
    await store.record(ACCOUNT, snapshotAt(HISTORY_START + index * HOUR_MS + writer, { balance: writer * 10_000 + index }));
  }
}

function startWriter(folder: string, writer: number): Promise<number | null> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename], {
    env: { ...process.env, HISTORY_WRITER: String(writer), HISTORY_FOLDER: folder },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return new Promise((resolve) => child.on('exit', resolve));
}

if (process.env.HISTORY_WRITER) {
  runWriter(process.env.HISTORY_FOLDER ?? '', Number(process.env.HISTORY_WRITER)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  test('two processes recording one account at once: every read is one whole write, the file is never lost, no temporary file is left', async () => {
    const root = await mkdtemp(join(tmpdir(), 'history-two-writers-'));
    const folder = join(root, 'creditHistory');
    try {
      const writers = [startWriter(folder, 1), startWriter(folder, 2)];
      await writeFile(join(root, 'go'), '');
      let finished = false;
      const exits = Promise.all(writers).finally(() => (finished = true));
      let wholeReads = 0;
      let seenFile = false;
      const torn: string[] = [];
      while (!finished) {
        let text: string;
        try {
          text = await readFile(join(folder, `${ACCOUNT}.json`), 'utf8');
        } catch (error) {
          // Before the first write there is no file; once there is one, it must never go missing.
          assert.equal((error as { code?: string }).code, 'ENOENT');
          assert.equal(seenFile, false, 'the file went missing after it was written');
          continue;
        }
        seenFile = true;
        let problems = 0;
        try {
          readAccountHistory(JSON.parse(text), () => problems++);
        } catch {
          problems++;
        }
        if (problems > 0) torn.push(text.slice(0, 60));
        else wholeReads++;
      }
      assert.deepEqual(await exits, [0, 0], 'neither writer failed a write');
      assert.deepEqual(torn, [], `${torn.length} torn reads`);
      assert.ok(wholeReads > 20, `the file was read while being written (${wholeReads} reads)`);
      const last = readAccountHistory(JSON.parse(await readFile(join(folder, `${ACCOUNT}.json`), 'utf8')));
      const values = samplesOf(last, 'balance').map((point) => point.value);
      // Each write is a whole history: the last one holds at least its own writer's last sample.
      assert.ok(values.includes(10_000 + RECORDS_PER_WRITER - 1) || values.includes(20_000 + RECORDS_PER_WRITER - 1), values.join());
      assert.deepEqual(await readdir(folder), [`${ACCOUNT}.json`]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}
