// The browser that opens the workbench: the system's Chromium (never a download) driven by
// playwright-core, and the text of what the page logs on its console.
import { existsSync } from 'node:fs';

/** The Chromium to drive: $CHROME_PATH, else Debian's /usr/bin/chromium. Throws one clear message. */
export function findChromium() {
  const candidates = process.env.CHROME_PATH ? [process.env.CHROME_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('Chromium not found: install it with `apt-get install chromium` or set CHROME_PATH');
  return found;
}

/** The flags that keep Chromium from reaching the network or asking anything. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright-core's Chromium, using the system's browser (never a download). */
export async function launchBrowser({ headless = true, args = [] } = {}) {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  const flags = headless ? CHROMIUM_FLAGS : CHROMIUM_FLAGS.filter((flag) => flag !== '--headless');
  return chromium.launch({ executablePath, headless, args: [...flags, ...args] });
}

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
