// The benchmark's figures as a Markdown table, each with its goal and a pass/fail mark, from what
// scripts/bench.mjs writes to test-results/bench.json; and README.md's copy of that table, kept
// between two HTML comments (`npm run bench:readme`). A missed goal is reported, never an error.

/** The goals of issues 15 and 24. */
export const GOALS = {
  /** Activation as VS Code reports it, Account Glance ÷ the baseline extension (median of the reloads' ratios). */
  activationRatio: 1.2,
  /** activate() to its return by its own timer, signed in with cached state (median), in ms. */
  activateMs: 5,
  /** A full refresh ÷ the same requests by a bare client. */
  refreshOverheadRatio: 1.1,
  /** A full refresh of every service ÷ the bare client's slowest single request. */
  refreshVersusSlowestSingleRatio: 1.1,
  /** A refresh of 20 accounts ÷ one of 1 account. */
  scale20Ratio: 1.5,
  /** dist/extension.js (what VS Code loads to activate us), minified, in bytes. */
  bundleBytes: 100 * 1024,
  /** Seeded profile (20 accounts, a year of history each): the state VS Code loads for Account Glance at start, in bytes. */
  seededStateAtStartBytes: 64 * 1024,
  /** Seeded profile: the bytes one full refresh of the 20 accounts hands to globalState, the whole state per update. */
  seededRefreshStateBytes: 256 * 1024,
  /** Seeded profile: a refresh of 20 accounts ÷ one of 1 account, until the data shows. */
  seededScale20Ratio: 1.5,
  /** The soak's heap growth after warm-up, bytes per refresh (under 1 KB): the whole extension host's. */
  soakHeapSlopeBytes: 1024,
  /** The same, net of the baseline extension's same soak (Account Glance's own), bytes per refresh. */
  soakNetHeapSlopeBytes: 100,
};

export const README_TABLE_START = '<!-- bench:table:start (npm run bench:readme writes this table from test-results/bench.json) -->';
export const README_TABLE_END = '<!-- bench:table:end -->';

const ms = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const kib = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
const ratio = (value) => `${value.toFixed(2)}×`;
const PASS = '✅';
const FAIL = '❌';

/** { goal: text, pass } for a value that should be at most `limit` (shown as `limitText`). */
function atMost(value, limit, limitText) {
  return { goal: `≤ ${limitText}`, pass: value <= limit };
}

/** A bundle input, short: a package name as is, a source file without its folders. */
const shortInput = (name) => (name.startsWith('src/') ? name.split('/').at(-1) : name);

/**
 * Every goal with its value and whether it was met: { name: { value, goal, pass } }, for the
 * figures `result` holds (an activation-less run has no activation goals).
 */
export function goalResults(result) {
  const goals = {};
  const add = (name, value, limit) => (goals[name] = { value, goal: limit, pass: value <= limit });
  const { activation, refresh, seeded, size, soak } = result;
  if (activation?.reported) add('activationRatio', activation.reported.medianRatio, GOALS.activationRatio);
  if (activation) add('activateMs', activation.activateMs, GOALS.activateMs);
  if (refresh) {
    add('refreshOverheadRatio', refresh.overheadRatio, GOALS.refreshOverheadRatio);
    if (refresh.versusSlowestSingleRatio !== undefined) {
      add('refreshVersusSlowestSingleRatio', refresh.versusSlowestSingleRatio, GOALS.refreshVersusSlowestSingleRatio);
    }
    if (refresh.scale20Ratio !== undefined) add('scale20Ratio', refresh.scale20Ratio, GOALS.scale20Ratio);
  }
  if (seeded) {
    add('seededStateAtStartBytes', seeded.stateAtStartBytes, GOALS.seededStateAtStartBytes);
    add('seededRefreshStateBytes', seeded.refreshStateBytes, GOALS.seededRefreshStateBytes);
    add('seededScale20Ratio', seeded.scale20ShownRatio, GOALS.seededScale20Ratio);
  }
  if (size) add('bundleBytes', size.bundleBytes, GOALS.bundleBytes);
  if (soak) {
    add('soakHeapSlopeBytes', soak.heapSlopeBytesPerRefresh, GOALS.soakHeapSlopeBytes);
    if (soak.netHeapSlopeBytesPerRefresh !== undefined)
      add('soakNetHeapSlopeBytes', soak.netHeapSlopeBytesPerRefresh, GOALS.soakNetHeapSlopeBytes);
    goals.soakTimersLeft = { value: soak.timersAfter - soak.timersBefore, goal: 0, pass: soak.timersAfter === soak.timersBefore };
    goals.soakListenersLeft = {
      value: soak.listenersAfter - soak.listenersBefore,
      goal: 0,
      pass: soak.listenersAfter === soak.listenersBefore,
    };
  }
  return goals;
}

/** The table's rows: [measure, result, goal and mark ('' when the figure has no goal)]. */
function rows({ activation, refresh, seeded, render, size, soak }) {
  const out = [];
  const row = (measure, value, goal) => out.push([measure, value, goal ? `${goal.goal} ${goal.pass ? PASS : FAIL}` : '']);
  if (activation) {
    const seededFiles = activation.seededAccounts
      ? `, ${activation.seededAccounts} signed-in accounts, each with a year of history in files`
      : activation.seededHistoryFiles
        ? `, ${activation.seededHistoryFiles} accounts' year of history in files`
        : '';
    const reloads = `median of ${activation.reloads} window reloads, signed in, cached data${seededFiles}`;
    const reported = activation.reported;
    if (reported) {
      row(
        `Account Glance activation as VS Code reports it (Running Extensions: code loading + \`activate()\`), ${reloads}`,
        ms(reported.accountGlanceMs),
      );
      row('The same for the baseline extension (a status-bar item, a 3-row tree view; same window)', ms(reported.baselineMs));
      row(
        'Activation ratio: Account Glance ÷ baseline (median of the reloads’ ratios)',
        ratio(reported.medianRatio),
        atMost(reported.medianRatio, GOALS.activationRatio, `${GOALS.activationRatio}×`),
      );
      row(
        'Per reload, as reported: Account Glance / baseline',
        reported.perReload.map(({ accountGlanceMs, baselineMs }) => `${accountGlanceMs}/${baselineMs}`).join(' · ') + ' ms',
      );
    }
    row(
      `Activation: \`activate()\` to its return, its own timer (${reloads})`,
      ms(activation.activateMs),
      atMost(activation.activateMs, GOALS.activateMs, `${GOALS.activateMs} ms`),
    );
    row('Activation: to last session’s status-bar text painted, its own timer', ms(activation.cachedPaintMs));
    const fresh = activation.freshProfile;
    row(
      'Activation in a fresh profile (once: no token, no cache): `activate()`; as reported',
      fresh?.reportedMs !== undefined ? `${ms(fresh.activateMs)}; ${ms(fresh.reportedMs)}` : ms(activation.freshProfileActivateMs),
    );
  }
  if (refresh) {
    const requests = refresh.requests?.length ?? 4;
    row(`Full refresh of both services, ${refresh.latencyMs} ms injected latency (median of ${refresh.runs})`, ms(refresh.refreshMs));
    row(`The same ${requests} requests by a bare node-fetch client, all at once, same run`, ms(refresh.bareMs));
    row(
      'Refresh overhead: extension ÷ bare client',
      ratio(refresh.overheadRatio),
      atMost(refresh.overheadRatio, GOALS.refreshOverheadRatio, `${GOALS.refreshOverheadRatio}×`),
    );
    if (refresh.bareSlowestSingleMs !== undefined) {
      row('The bare client’s slowest single request (one at a time), same run', ms(refresh.bareSlowestSingleMs));
      row(
        'Full refresh of all services ÷ the slowest single request',
        ratio(refresh.versusSlowestSingleRatio),
        atMost(refresh.versusSlowestSingleRatio, GOALS.refreshVersusSlowestSingleRatio, `${GOALS.refreshVersusSlowestSingleRatio}×`),
      );
    }
    row('Both services ÷ the slower one alone (parallel: two cost about one)', ratio(refresh.bothVersusOneRatio));
    for (const point of refresh.scale) {
      const growth = point.heapGrowthKiB < 0 ? 'within GC noise' : `+${point.heapGrowthKiB.toFixed(0)} KiB heap`;
      row(
        `Scale: refresh of ${point.accounts} account${point.accounts === 1 ? '' : 's'} (time; heap kept, pooled connections included)`,
        `${ms(point.refreshMs)}; ${growth}`,
      );
    }
    if (refresh.scale20Ratio !== undefined) {
      row(
        'Scale: 20 accounts ÷ 1 account',
        ratio(refresh.scale20Ratio),
        atMost(refresh.scale20Ratio, GOALS.scale20Ratio, `${GOALS.scale20Ratio}×`),
      );
    }
  }
  if (seeded) {
    const profile = `Seeded: ${seeded.accounts} accounts × a year of history`;
    row(
      `${profile}: state VS Code loads for Account Glance at start (history in globalState, as before)`,
      `${kib(seeded.stateAtStartBytes)} (${kib(seeded.stateAtStartBytesBefore)})`,
      atMost(seeded.stateAtStartBytes, GOALS.seededStateAtStartBytes, `${GOALS.seededStateAtStartBytes / 1024} KiB`),
    );
    row(
      `${profile}: bytes one full refresh hands to globalState, whole state per update (${seeded.refreshStateUpdates} updates; as before: +1 per history record)`,
      `${kib(seeded.refreshStateBytes)} (${kib(seeded.refreshStateBytesBefore)})`,
      atMost(seeded.refreshStateBytes, GOALS.seededRefreshStateBytes, `${GOALS.seededRefreshStateBytes / 1024} KiB`),
    );
    row(
      `${profile}: bytes that refresh writes to history files`,
      `${kib(seeded.refreshHistoryFileBytes)}, ${seeded.refreshHistoryFiles} files`,
    );
    row(
      `${profile}: refresh of 1 / 20 accounts, ${seeded.latencyMs} ms latency (median of ${seeded.runs}): data shown; also kept (cache, alerts, history, forecast)`,
      `${ms(seeded.oneAccount.shownMs)} / ${ms(seeded.twentyAccounts.shownMs)}; ${ms(seeded.oneAccount.keptMs)} / ${ms(seeded.twentyAccounts.keptMs)}`,
    );
    row(
      `${profile}: 20 accounts ÷ 1 account, until the data shows`,
      ratio(seeded.scale20ShownRatio),
      atMost(seeded.scale20ShownRatio, GOALS.seededScale20Ratio, `${GOALS.seededScale20Ratio}×`),
    );
    row(`${profile}: 20 accounts ÷ 1 account, until also kept`, ratio(seeded.scale20KeptRatio));
  }
  if (render) {
    const { paintMs, runs } = render;
    row(
      `Paint of the Accounts tree’s rows and the status item (text, tooltip, accessible name), 1 / 2 / 20 accounts (median of ${runs})`,
      `${Object.values(paintMs)
        .map((value) => value.toFixed(2))
        .join(' / ')} ms`,
    );
  }
  if (size) {
    row(
      'Bundle loaded to activate, `dist/extension.js` (minified)',
      kib(size.bundleBytes),
      atMost(size.bundleBytes, GOALS.bundleBytes, `${GOALS.bundleBytes / 1024} KiB`),
    );
    if (size.coreBytes !== undefined)
      row('Bundle loaded once `activate()` has returned, `dist/core.js` (minified, node-fetch inside)', kib(size.coreBytes));
    if (size.largestInputs) {
      row(
        'Largest inputs of `dist/core.js` (minified bytes in it)',
        size.largestInputs
          .slice(0, 5)
          .map(({ name, bytes }) => `${shortInput(name)} ${kib(bytes)}`)
          .join(', '),
      );
    }
    row('`.vsix`', `${kib(size.vsixBytes)}, ${size.vsixFiles} files`);
  }
  if (soak) {
    const same = (before, after) => ({ goal: 'as many after as before', pass: before === after });
    const perRefresh = (slope, standardError) =>
      `${slope.toFixed(0)}${standardError === undefined ? '' : ` ± ${standardError.toFixed(0)}`} bytes per refresh`;
    row(
      `Soak: heap growth after refresh ${soak.warmUp}, of ${soak.refreshes} refreshes with 429s, 500s, timeouts and token changes (whole extension host)`,
      perRefresh(soak.heapSlopeBytesPerRefresh, soak.heapSlopeStandardErrorBytes),
      atMost(soak.heapSlopeBytesPerRefresh, GOALS.soakHeapSlopeBytes, '1 KB per refresh'),
    );
    if (soak.netHeapSlopeBytesPerRefresh !== undefined) {
      row(
        'Soak: the same loop driving the baseline extension alone (fetch, status-bar item, tree, SecretStorage; whole extension host)',
        perRefresh(soak.baselineHeapSlopeBytesPerRefresh, soak.baselineHeapSlopeStandardErrorBytes),
      );
      row(
        `Soak: heap growth after refresh ${soak.warmUp}, net of the baseline extension’s same soak`,
        perRefresh(soak.netHeapSlopeBytesPerRefresh, soak.netHeapSlopeStandardErrorBytes),
        atMost(soak.netHeapSlopeBytesPerRefresh, GOALS.soakNetHeapSlopeBytes, `${GOALS.soakNetHeapSlopeBytes} bytes per refresh`),
      );
      if (soak.netHeapSlopeBySpace) {
        // Objects the code keeps live in V8's old, new and large-object spaces; compiled code (and
        // the bytecode and metadata V8 keeps for it) in the code and trusted spaces: JIT warm-up.
        const sum = (spaces) => spaces.reduce((total, space) => total + (soak.netHeapSlopeBySpace[space] ?? 0), 0);
        const data = sum(['old_space', 'new_space', 'large_object_space', 'new_large_object_space']);
        const code = sum(['code_space', 'trusted_space', 'code_large_object_space', 'trusted_large_object_space']);
        row(
          'Soak: of that net growth, data (V8 old, new and large-object spaces) / compiled code (code and trusted spaces)',
          `${data.toFixed(0)} / ${code.toFixed(0)} bytes per refresh`,
        );
      }
    }
    if (soak.compiledCodeSlopeByQuarter) {
      // Why the fit starts halfway: V8 compiles more of the code for thousands of refreshes, ever more slowly.
      const quarters = (slopes) => slopes.map((slope) => slope.toFixed(0)).join(' → ');
      const baselineQuarters = soak.baseline?.compiledCodeSlopeByQuarter;
      row(
        `Soak: compiled code’s growth in each quarter of the ${soak.refreshes} refreshes (V8 warming up)${baselineQuarters ? ', Account Glance’s host / the baseline’s' : ''}`,
        `${quarters(soak.compiledCodeSlopeByQuarter)}${baselineQuarters ? ` / ${quarters(baselineQuarters)}` : ''} bytes per refresh`,
      );
    }
    row('Soak: schedule timers before → after', `${soak.timersBefore} → ${soak.timersAfter}`, same(soak.timersBefore, soak.timersAfter));
    row(
      'Soak: refresher listeners before → after',
      `${soak.listenersBefore} → ${soak.listenersAfter}`,
      same(soak.listenersBefore, soak.listenersAfter),
    );
  }
  return out;
}

/** The Markdown table of `result` (what test-results/bench.json holds), columns padded. */
export function benchTable(result) {
  const body = rows(result);
  const header = ['Measure', 'Result', 'Goal'];
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

/** `readme` with the text between the two markers replaced by `table`; throws when the markers are missing. */
export function replaceReadmeTable(readme, table) {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no benchmark table between "${README_TABLE_START}" and "${README_TABLE_END}".`);
  }
  return `${readme.slice(0, start + README_TABLE_START.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
