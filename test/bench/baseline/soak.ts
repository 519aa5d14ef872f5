// The baseline extension as the long-day soak's yardstick (test/bench/soak.mjs; never shipped, never
// in the activation bench's .vsix, whose extension.ts stays the bare start-up yardstick): the same
// status-bar item and three-row tree, plus the least that doing Account Glance's job over a day
// takes — Refresh and Refresh Service commands that fetch the same endpoints over HTTP with plain
// fetch(), a request timeout, a bounded retry of 5xx answers and an automatic retry after a failure,
// a token per service in SecretStorage (a change made elsewhere refreshes that service) and the last
// values kept in globalState. The soak's suite (test/integration/baselineDay.soak-baseline.ts)
// drives it with the loop Account Glance's soak uses, so what VS Code's extension host keeps per
// command, status update, tree change, secret and HTTP request counts in both slopes and cancels.
// test/bench/baseline.mjs bundles it as the extension of a development folder under .cache/.
import * as vscode from 'vscode';
import { ROWS } from './rows';

type Service = 'leadping' | 'signeasy';

/** The requests Account Glance sends per refresh of each service (src/core/services/). */
const PATHS: Readonly<Record<Service, readonly string[]>> = {
  leadping: ['/users/me', '/wallets/me', '/organizations/me', '/usage/summary/my'],
  signeasy: ['/v3/me/'],
};
const SERVICES = Object.keys(PATHS) as Service[];
const TOKEN_KEY_PREFIX = 'benchBaseline.token.';
/** Tries of a request answered with a 5xx, and the wait between them. */
const SERVER_ERROR_TRIES = 3;
const SERVER_ERROR_WAIT_MS = 100;

interface ServiceState {
  readonly service: Service;
  token: string | undefined;
  refreshing: boolean;
  errorKind: string | undefined;
  /** Date.now() when its last refresh ended (either way). */
  settledAt: number;
  retry: ReturnType<typeof setTimeout> | undefined;
  /** The refresh under way: a second one asked for meanwhile shares it. */
  inFlight: Promise<void> | undefined;
  row: string;
}

/** What the soak's suite reads and sets (activate()'s exports). */
export interface BaselineSoakApi {
  readonly secrets: vscode.SecretStorage;
  readonly tokenKeyPrefix: string;
  /** Points both services at `baseUrl`, with a request timeout and the wait before an automatic retry. */
  useServer(baseUrl: string, options: { readonly requestTimeoutMs: number; readonly retryDelayMs: number }): void;
  status(service: string): {
    readonly signedIn: boolean;
    readonly refreshing: boolean;
    readonly errorKind: string | undefined;
    readonly settledAt: number;
  };
  isRefreshing(): boolean;
  retryPending(): boolean;
  pendingRetries(): number;
}

class Rows implements vscode.TreeDataProvider<string> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private rows: string[] = ROWS;

  show(rows: string[]): void {
    this.rows = rows;
    this.changed.fire();
  }

  getTreeItem(label: string): vscode.TreeItem {
    return new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  }

  getChildren(parent?: string): string[] {
    return parent === undefined ? this.rows : [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

class Failure extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function activate(context: vscode.ExtensionContext): BaselineSoakApi {
  let baseUrl = '';
  let requestTimeoutMs = 30_000;
  let retryDelayMs = 60_000;
  const states = new Map<string, ServiceState>(
    SERVICES.map((service) => [
      service,
      {
        service,
        token: undefined,
        refreshing: false,
        errorKind: undefined,
        settledAt: 0,
        retry: undefined,
        inFlight: undefined,
        row: `${service}: signed out`,
      },
    ]),
  );
  const stateOf = (service: string): ServiceState => {
    const state = states.get(service);
    if (!state) throw new Error(`No service "${service}".`);
    return state;
  };

  const item = vscode.window.createStatusBarItem('benchBaseline.glance', vscode.StatusBarAlignment.Left, 0);
  item.text = '$(pulse) BL 3 rows';
  item.show();
  const rows = new Rows();
  context.subscriptions.push(item, rows, vscode.window.registerTreeDataProvider('benchBaseline.rows', rows));

  const render = () => {
    const shown = SERVICES.map((service) => stateOf(service));
    item.text = `$(pulse) ${shown.map((state) => (state.errorKind ? `${state.row} (${state.errorKind})` : state.row)).join(' · ')}`;
    rows.show([...shown.map((state) => state.row), `Updated ${new Date().toLocaleTimeString()}`]);
  };

  /** One GET, tried again after a 5xx; resolves the parsed JSON or throws a Failure. */
  const getJson = async (path: string, token: string): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
      } catch (error) {
        throw new Failure((error as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'timeout' : 'network');
      }
      if (response.status >= 500 && attempt < SERVER_ERROR_TRIES) {
        await response.body?.cancel();
        await sleep(SERVER_ERROR_WAIT_MS);
        continue;
      }
      if (response.status === 429) throw new Failure('rateLimited');
      if (response.status >= 500) throw new Failure('server');
      if (!response.ok) throw new Failure(`http${response.status}`);
      try {
        return await response.json();
      } catch {
        throw new Failure('invalidJson');
      }
    }
  };

  const refreshService = (service: string): Promise<void> => {
    const state = stateOf(service);
    state.inFlight ??= fetchService(state).finally(() => (state.inFlight = undefined));
    return state.inFlight;
  };

  const fetchService = async (state: ServiceState): Promise<void> => {
    const { service } = state;
    clearTimeout(state.retry);
    state.retry = undefined;
    const token = state.token;
    if (token === undefined) return;
    state.refreshing = true;
    try {
      const bodies = await Promise.all(PATHS[service].map((path) => getJson(path, token)));
      const fields = bodies.reduce<number>((sum, body) => sum + Object.keys(body ?? {}).length, 0);
      state.row = `${service}: ${fields} fields`;
      state.errorKind = undefined;
      await context.globalState.update(`benchBaseline.last.${service}`, { row: state.row, at: Date.now() });
    } catch (error) {
      state.errorKind = error instanceof Failure ? error.kind : 'unexpected';
      state.retry = setTimeout(() => void refreshService(service), retryDelayMs);
    } finally {
      state.refreshing = false;
      state.settledAt = Date.now();
      render();
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('benchBaseline.refresh', () => Promise.all(SERVICES.map(refreshService))),
    vscode.commands.registerCommand('benchBaseline.refreshService', (service: string) => refreshService(service)),
    // A token stored or removed elsewhere (another window): read it and refresh that service.
    context.secrets.onDidChange(async ({ key }) => {
      const service = SERVICES.find((candidate) => key === `${TOKEN_KEY_PREFIX}${candidate}`);
      if (!service) return;
      stateOf(service).token = await context.secrets.get(key);
      await refreshService(service);
    }),
    { dispose: () => SERVICES.forEach((service) => clearTimeout(stateOf(service).retry)) },
  );

  return {
    secrets: context.secrets,
    tokenKeyPrefix: TOKEN_KEY_PREFIX,
    useServer(url, options) {
      baseUrl = url;
      requestTimeoutMs = options.requestTimeoutMs;
      retryDelayMs = options.retryDelayMs;
    },
    status(service) {
      const { token, refreshing, errorKind, settledAt } = stateOf(service);
      return { signedIn: token !== undefined, refreshing, errorKind, settledAt };
    },
    isRefreshing: () => SERVICES.some((service) => stateOf(service).refreshing),
    retryPending: () => SERVICES.some((service) => stateOf(service).retry !== undefined),
    pendingRetries: () => SERVICES.filter((service) => stateOf(service).retry !== undefined).length,
  };
}

export function deactivate(): void {}
