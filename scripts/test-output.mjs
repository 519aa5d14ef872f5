// Small pieces the test runners share: formatting a browser console message, reading pass/fail
// counts out of mocha's and node:test's output, and running a command while echoing its output.
import { spawn } from 'node:child_process';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export const stripAnsi = (text) => String(text).replace(ANSI, '');

function show(value) {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * Formats console arguments the way a browser does: the first is a format string whose %c take
 * a CSS argument each (dropped), %s %d %i %f %o %O take one value each; the rest are appended.
 */
export function formatConsoleArgs(args) {
  if (args.length === 0) return '';
  if (typeof args[0] !== 'string') return args.map(show).join(' ');
  const rest = args.slice(1);
  const head = args[0].replace(/%[csdifoO%]/g, (spec) => {
    if (spec === '%%') return '%';
    if (rest.length === 0) return spec;
    const value = rest.shift();
    if (spec === '%c') return '';
    if (spec === '%d' || spec === '%i') return String(Number.parseInt(String(value), 10));
    if (spec === '%f') return String(Number(value));
    return show(value);
  });
  return [head, ...rest.map(show)].join(' ');
}

/** Pass/fail counts from mocha's spec reporter ("3 passing", "1 failing", "2 pending"). */
export function mochaCounts(output) {
  const text = stripAnsi(output);
  const count = (word) => {
    const matches = [...text.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    const last = matches.at(-1);
    return last ? Number(last[1]) : undefined;
  };
  const passed = count('passing');
  if (passed === undefined) return undefined;
  return { passed, failed: count('failing') ?? 0, skipped: count('pending') ?? 0 };
}

/** Pass/fail counts from node:test's spec or tap reporter ("ℹ pass 12" / "# pass 12"). */
export function nodeTestCounts(output) {
  const text = stripAnsi(output);
  const count = (word) => {
    const matches = [...text.matchAll(new RegExp(`^\\s*(?:ℹ|#) ${word} (\\d+)\\s*$`, 'gm'))];
    const last = matches.at(-1);
    return last ? Number(last[1]) : undefined;
  };
  const passed = count('pass');
  if (passed === undefined) return undefined;
  return { passed, failed: (count('fail') ?? 0) + (count('cancelled') ?? 0), skipped: (count('skipped') ?? 0) + (count('todo') ?? 0) };
}

/** The line the project's own runners end with: "Integration tier: 12 passed, 1 failed, ...". */
export function runnerCounts(output) {
  const matches = [...stripAnsi(output).matchAll(/^[A-Za-z]+ tier: (\d+) passed, (\d+) failed/gm)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: 0 } : undefined;
}

/** Counts from a runner's own summary line, else node:test's or mocha's. */
export function testCounts(output) {
  return runnerCounts(output) ?? nodeTestCounts(output) ?? mochaCounts(output);
}

/**
 * Runs a command with its output passed through to ours, and also captured.
 * Resolves { code, output } (never rejects on a non-zero exit).
 */
export function runAndCapture(command, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => {
      chunks.push(chunk);
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      chunks.push(chunk);
      process.stderr.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString() }));
  });
}
