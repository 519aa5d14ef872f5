// Runs the fake server until SIGINT/SIGTERM, for demos and benchmarks:
//   node --import tsx test/fake-server/cli.ts --port 0 --leadping demo --signeasy demo
// Prints one JSON line: {"url": ..., "tokens": {...}, "scenarioTokens": {...}}.
import { FAKE_SCENARIOS, FAKE_TOKENS, type FakeService, scenarioToken, startFakeServer } from './server';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function scenarioTokens(service: FakeService): Record<string, string> {
  return Object.fromEntries(FAKE_SCENARIOS[service].map((scenario) => [scenario, scenarioToken(service, scenario)]));
}

async function main(): Promise<void> {
  const port = Number(option('port') ?? '0');
  const latency = option('latency');
  const leadping = option('leadping');
  const signeasy = option('signeasy');
  const server = await startFakeServer({
    port: Number.isInteger(port) && port >= 0 ? port : 0,
    host: option('host') ?? '127.0.0.1',
    scenarios: { ...(leadping ? { leadping } : {}), ...(signeasy ? { signeasy } : {}) },
    latencyMs: latency === undefined ? undefined : Number(latency),
  });
  console.log(
    JSON.stringify({ url: server.url, tokens: FAKE_TOKENS, scenarioTokens: { leadping: scenarioTokens('leadping'), signeasy: scenarioTokens('signeasy') } }),
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
