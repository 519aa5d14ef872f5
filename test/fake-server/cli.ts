// Runs the fake server until SIGINT/SIGTERM, for demos and benchmarks:
//   node --import tsx test/fake-server/cli.ts --port 0 --leadping demo --signeasy demo
// Prints one JSON line: {"url": ..., "tokens": {...}, "scenarioTokens": {...}}.
import { parseArgs } from 'node:util';
import { FAKE_SCENARIOS, FAKE_TOKENS, type FakeService, scenarioToken, startFakeServer } from './server';

const USAGE =
  'node --import tsx test/fake-server/cli.ts [--port N] [--host ADDRESS] [--leadping SCENARIO] [--signeasy SCENARIO] [--latency MS]';

/** The command line; what it cannot take throws one line with the usage. (test/ does not import scripts/command-line.mjs, which does this for the scripts.) */
function parseCliArgs() {
  try {
    return parseArgs({
      strict: true,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        leadping: { type: 'string' },
        signeasy: { type: 'string' },
        latency: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error} (usage: ${USAGE})`, { cause: error });
  }
}

function scenarioTokens(service: FakeService): Record<string, string> {
  return Object.fromEntries(FAKE_SCENARIOS[service].map((scenario) => [scenario, scenarioToken(service, scenario)]));
}

async function main(): Promise<void> {
  const { port: portText, host, latency, leadping, signeasy } = parseCliArgs();
  const port = Number(portText);
  const server = await startFakeServer({
    port: Number.isInteger(port) && port >= 0 ? port : 0,
    host,
    scenarios: { ...(leadping ? { leadping } : {}), ...(signeasy ? { signeasy } : {}) },
    latencyMs: latency === undefined ? undefined : Number(latency),
  });
  console.log(
    JSON.stringify({
      url: server.url,
      tokens: FAKE_TOKENS,
      scenarioTokens: { leadping: scenarioTokens('leadping'), signeasy: scenarioTokens('signeasy') },
    }),
  );
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
