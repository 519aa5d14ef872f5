// Runs the fake server until SIGINT/SIGTERM, for the demo, the UI tests and the benchmark (through
// launch.mjs, which starts it as a child process):
//   node --import tsx test/fake-server/cli.ts [--port N] [--demo] [--leadping SCENARIO] [--signeasy SCENARIO] [--latency MS]
// One --<service> option per module in services/index.ts. Prints one JSON line:
//   {"url": ..., "tokens": {service: token}, "displayNames": {service: name}, "scenarioTokens": {service: {scenario: token}}}
import { parseCommandLine } from '../harness/command-line.mjs';
import { byService, FAKE_SERVICES, type FakeService } from './services';
import { FAKE_SCENARIOS, FAKE_TOKENS, scenarioToken, startFakeServer } from './server';

const serviceOptions = FAKE_SERVICES.map((service) => `[--${service.id} SCENARIO]`).join(' ');
const USAGE = `node --import tsx test/fake-server/cli.ts [--port N] [--host ADDRESS] [--demo] ${serviceOptions} [--latency MS]`;

function parseCliArgs(): { port: number; host: string; latencyMs: number | undefined; scenarios: Partial<Record<FakeService, string>> } {
  const { values, number } = parseCommandLine(USAGE, {
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string' },
      // Every service's demo account (a --<service> option still wins for its service).
      demo: { type: 'boolean', default: false },
      ...Object.fromEntries(FAKE_SERVICES.map((service) => [service.id, { type: 'string' as const }])),
    },
  });
  const scenarios: Partial<Record<FakeService, string>> = {};
  for (const service of FAKE_SERVICES) {
    const named = (values as Record<string, string | boolean | undefined>)[service.id];
    if (typeof named === 'string') scenarios[service.id] = named;
    else if (values.demo) scenarios[service.id] = service.demoScenario;
  }
  return {
    port: number('port', { integer: true, min: 0 }),
    host: String(values.host),
    latencyMs: values.latency === undefined ? undefined : number('latency', { min: 0 }),
    scenarios,
  };
}

async function main(): Promise<void> {
  const { port, host, latencyMs, scenarios } = parseCliArgs();
  const server = await startFakeServer({ port, host, scenarios, latencyMs });
  console.log(
    JSON.stringify({
      url: server.url,
      tokens: FAKE_TOKENS,
      displayNames: byService((service) => service.displayName),
      scenarioTokens: byService((service) =>
        Object.fromEntries(FAKE_SCENARIOS[service.id].map((scenario) => [scenario, scenarioToken(service.id, scenario)])),
      ),
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
