// Asks for a token in a password box, checks it against the service before anything is saved,
// and keeps the box open with the reason when the service rejects it.
import * as vscode from 'vscode';
import { MIN_TOKEN_LENGTH, normalizeToken } from '../core/http/token';
import type { FetchResult, ServiceError } from '../core/model';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import { describeError, describeTokenProblem } from '../views/viewModels/errorWording';
import type { Prompts } from './prompts';
import { plainText } from '../views/viewModels/surfaceText';

export type TokenInputOutcome =
  | { readonly saved: false }
  /** `result` is the check's answer: a snapshot to show at once, or the failure the person accepted. */
  | { readonly saved: true; readonly token: string; readonly result: FetchResult };

/** Errors that mean "this token or address is wrong": saving it anyway would only fail later. */
const REJECTING_ERRORS: ReadonlySet<ServiceError['kind']> = new Set(['unauthorized', 'notFound', 'invalidBaseUrl']);

export interface TokenInputOptions {
  readonly adapter: ServiceAdapter;
  readonly check: (token: string) => Promise<FetchResult>;
  readonly prompts: Prompts;
  /** Lets the in-host tests type into the real box. */
  readonly onDidShowInputBox?: (box: vscode.InputBox) => void;
}

interface Accepted {
  readonly token: string;
  readonly result: FetchResult;
}

export async function askForToken(options: TokenInputOptions): Promise<TokenInputOutcome> {
  const { adapter, prompts } = options;
  const box = tokenBox(adapter);
  const accepted = await new Promise<Accepted | undefined>((resolve) => {
    let settled = false;
    const finish = (value: Accepted | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      box.hide();
    };
    box.onDidChangeValue((value) => (box.validationMessage = problemWhileTyping(value)));
    box.onDidAccept(() => checkAccepted(box, options).then((value) => value && finish(value)));
    box.onDidHide(() => finish(undefined));
    box.show();
    options.onDidShowInputBox?.(box);
  });
  box.dispose();
  if (!accepted) return { saved: false };
  if (accepted.result.ok) return { saved: true, ...accepted };

  // The service could not be asked (offline, timeout, 5xx, 429): the token may well be right.
  const service = adapter.displayName;
  const saveAnyway = await prompts.confirm(
    vscode.l10n.t('Could not check the {service} token.', { service }),
    `${describeError(accepted.result.error, service, vscode.env.language)}\n\n${vscode.l10n.t('Save it anyway? Account Glance will keep retrying.')}`,
    vscode.l10n.t('Save Anyway'),
  );
  return saveAnyway ? { saved: true, ...accepted } : { saved: false };
}

/** The password box, titled for the service, saying where to create a token. */
function tokenBox(adapter: ServiceAdapter): vscode.InputBox {
  const box = vscode.window.createInputBox();
  const service = adapter.displayName;
  box.title = vscode.l10n.t('{service} API Token', { service });
  box.password = true;
  box.ignoreFocusOut = true;
  box.placeholder = vscode.l10n.t('Paste your {service} API token', { service });
  box.prompt = vscode.l10n.t("Create one at {url}. It is stored only in VS Code's secret storage.", { url: adapter.tokenHelpUrl });
  return box;
}

/** What is wrong while typing; nothing for an empty box or a token still being typed. */
function problemWhileTyping(value: string): string | undefined {
  const normalized = normalizeToken(value);
  return value.trim().length < MIN_TOKEN_LENGTH || normalized.ok
    ? undefined
    : plainText(describeTokenProblem(normalized.problem, vscode.env.language));
}

/**
 * Checks the token in the box with the service. Resolves to it with the answer when it may be
 * saved (it works, or the service could not be asked); undefined while the box stays open, saying
 * why (a malformed token, a rejected one). The box renders links and icons in its messages: the
 * service's words are made plain.
 */
async function checkAccepted(box: vscode.InputBox, { adapter, check }: TokenInputOptions): Promise<Accepted | undefined> {
  if (box.busy) return undefined;
  const locale = vscode.env.language;
  const service = adapter.displayName;
  const normalized = normalizeToken(box.value);
  if (!normalized.ok) {
    box.validationMessage = {
      message: plainText(describeTokenProblem(normalized.problem, locale)),
      severity: vscode.InputBoxValidationSeverity.Error,
    };
    return undefined;
  }
  box.busy = true;
  box.enabled = false;
  box.validationMessage = {
    message: vscode.l10n.t('Checking the token with {service}…', { service }),
    severity: vscode.InputBoxValidationSeverity.Info,
  };
  const result = await check(normalized.token);
  box.busy = false;
  box.enabled = true;
  if (result.ok || !REJECTING_ERRORS.has(result.error.kind)) return { token: normalized.token, result };
  box.validationMessage = {
    message: plainText(vscode.l10n.t('{error} The token was not saved.', { error: describeError(result.error, service, locale) })),
    severity: vscode.InputBoxValidationSeverity.Error,
  };
  return undefined;
}
