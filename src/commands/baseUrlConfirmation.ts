// The question before a token goes to a new origin: the base URL setting now names another origin
// than the token was saved for, and nothing is sent there without a clear yes. One question covers
// every account of the service saved for that same origin (the account book says which).
import * as vscode from 'vscode';
import { serviceIdOfKey } from '../core/accounts/accountKey';
import { originOf } from '../core/http/baseUrl';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import type { AccountBook, MovingTokens } from '../storage/accountBook';
import { pluralMessage } from '../views/viewModels/pluralForms';
import type { AccountChoice } from './accountChoice';
import type { CommandFeedback } from './commandFeedback';
import type { Prompts } from './prompts';

export interface BaseUrlConfirmationParts {
  readonly book: AccountBook;
  readonly choice: AccountChoice;
  readonly feedback: CommandFeedback;
  readonly prompts: Prompts;
  readonly log: vscode.LogOutputChannel;
  readonly baseUrlFor: (adapter: ServiceAdapter) => string;
}

/** accountGlance.confirmBaseUrl: asks, moves the tokens on a yes, and reconnects the accounts either way. */
export function confirmBaseUrlCommand(parts: BaseUrlConfirmationParts): (argument?: unknown) => Promise<void> {
  return async (argument) => {
    const accountKey = parts.choice.accountKeyFrom(argument);
    const adapter = accountKey && parts.choice.adapterFor(serviceIdOfKey(accountKey));
    if (!accountKey || !adapter) return;
    const moving = await readMoving(parts, accountKey, adapter.displayName);
    if (!moving) return;
    const target = originOf(parts.baseUrlFor(adapter));
    if (target !== undefined && target !== moving.tokenOrigin) {
      if (!(await parts.prompts.confirm(...baseUrlQuestion(adapter.displayName, moving, target)))) return;
      if (!(await moveTokens(parts, moving, target, adapter.displayName))) return;
    }
    await parts.book.reconnect(moving.accounts.map((account) => account.accountKey));
  };
}

/** The tokens that would move; undefined (the person told why, if secret storage failed) when there are none. */
async function readMoving(parts: BaseUrlConfirmationParts, accountKey: string, service: string): Promise<MovingTokens | undefined> {
  try {
    return await parts.book.tokensMovingWith(accountKey);
  } catch (error) {
    await parts.feedback.reportSecretStorageFailure(vscode.l10n.t('The {service} token could not be read.', { service }), error);
    return undefined;
  }
}

async function moveTokens(parts: BaseUrlConfirmationParts, moving: MovingTokens, origin: string, service: string): Promise<boolean> {
  try {
    await parts.book.moveTokens(moving, origin);
  } catch (error) {
    await parts.feedback.reportSecretStorageFailure(
      vscode.l10n.t('The {service} token was not moved to {origin}.', { service, origin }),
      error,
    );
    return false;
  }
  parts.log.info(`${moving.accounts.map((account) => account.accountKey).join(', ')}: the token may now be sent to ${origin} (confirmed).`);
  return true;
}

/** "Send your Leadping token to …?" (or your 2 tokens), its detail and its action: the question before tokens go to a new origin. */
function baseUrlQuestion(service: string, moving: MovingTokens, origin: string): [message: string, detail: string, action: string] {
  const { tokenOrigin } = moving;
  const count = moving.accounts.length;
  if (count > 1 && tokenOrigin !== undefined) {
    const args = { count, tokenOrigin, service, origin };
    return [
      pluralMessage(count, vscode.env.language, {
        one: () => vscode.l10n.t({ message: 'Send your {count} {service} token to {origin}?', comment: 'plural: one', args }),
        few: () => vscode.l10n.t({ message: 'Send your {count} {service} tokens to {origin}?', comment: 'plural: few', args }),
        many: () => vscode.l10n.t({ message: 'Send your {count} {service} tokens to {origin}?', comment: 'plural: many', args }),
        other: () => vscode.l10n.t({ message: 'Send your {count} {service} tokens to {origin}?', comment: 'plural: other', args }),
      }),
      pluralMessage(count, vscode.env.language, {
        one: () =>
          vscode.l10n.t({
            message:
              'The {count} token was saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive it with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
            comment: 'plural: one',
            args: args,
          }),
        few: () =>
          vscode.l10n.t({
            message:
              'The {count} tokens were saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive them with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set new tokens.',
            comment: 'plural: few',
            args: args,
          }),
        many: () =>
          vscode.l10n.t({
            message:
              'The {count} tokens were saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive them with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set new tokens.',
            comment: 'plural: many',
            args: args,
          }),
        other: () =>
          vscode.l10n.t({
            message:
              'The {count} tokens were saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive them with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set new tokens.',
            comment: 'plural: other',
            args: args,
          }),
      }),
      vscode.l10n.t('Send Tokens'),
    ];
  }
  const detail =
    tokenOrigin === undefined
      ? vscode.l10n.t(
          'The token was saved for another address, and the {service} base URL setting now points to {origin}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
          { service, origin },
        )
      : vscode.l10n.t(
          'The token was saved for {tokenOrigin}, and the {service} base URL setting now points to {origin}. That server will receive the token with every refresh. Only continue if you changed the setting yourself and trust it; otherwise change the setting back or set a new token.',
          { tokenOrigin, service, origin },
        );
  return [vscode.l10n.t('Send your {service} token to {origin}?', { service, origin }), detail, vscode.l10n.t('Send Token')];
}
