// The questions and messages the commands show a person: the one door to VS Code's notifications,
// quick picks, modal questions and input boxes. Behind an interface so the in-host tests can answer
// them; the token input box itself stays real (tests reach it through `onDidShowInputBox`).
// Every text goes through inertPrompts() on its way out, so text a service sent can never become a
// link, an icon or markup there (surfaceText.ts decides how; no call site escapes by hand).
import * as vscode from 'vscode';
import { plainDetail, plainText } from '../views/viewModels/surfaceText';

interface ServiceChoice {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
}

/** One entry of a menu: a choice, or (`separator`) a line with an optional heading between groups. */
export interface MenuChoice extends ServiceChoice {
  /** A codicon id shown before the label. */
  readonly icon?: string;
  readonly separator?: boolean;
}

export type NotificationSeverity = 'info' | 'warning' | 'error';

/** Shows a notification with buttons; resolves to the title of the one chosen, undefined when dismissed. */
export type Notify = (severity: NotificationSeverity, message: string, actions: readonly string[]) => Promise<string | undefined>;

export interface Prompts {
  pickService(choices: readonly ServiceChoice[], placeHolder: string): Promise<string | undefined>;
  /** A modal question with one action; true when the person chose it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A menu to choose one entry from; the chosen entry's id, undefined when dismissed. */
  pickFromMenu(choices: readonly MenuChoice[], placeHolder: string): Promise<string | undefined>;
  /** A line of text (an account's label), starting from `value`; undefined when dismissed. */
  askText(prompt: string, value: string, placeHolder: string): Promise<string | undefined>;
  /** A notification (not modal): its buttons' titles in `actions`. */
  notify: Notify;
  /** A passing line in the status bar, after a check mark ("Copied …"). */
  flash(message: string): void;
}

export const windowPrompts: Prompts = {
  async pickService(choices, placeHolder) {
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) => ({ label: choice.label, description: choice.description, id: choice.id })),
      { placeHolder, title: 'Account Glance' },
    );
    return picked?.id;
  },
  async confirm(message, detail, action) {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return answer === action;
  },
  async pickFromMenu(choices, placeHolder) {
    const picked = await vscode.window.showQuickPick(
      choices.map((choice) =>
        choice.separator
          ? { kind: vscode.QuickPickItemKind.Separator, label: choice.label, id: choice.id }
          : { label: choice.icon ? `$(${choice.icon}) ${choice.label}` : choice.label, description: choice.description, id: choice.id },
      ),
      { placeHolder, title: 'Account Glance' },
    );
    return picked?.id;
  },
  async askText(prompt, value, placeHolder) {
    return vscode.window.showInputBox({ prompt, value, placeHolder, title: 'Account Glance' });
  },
  notify: async (severity, message, actions) => {
    const show =
      severity === 'error'
        ? vscode.window.showErrorMessage
        : severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return show(message, ...actions);
  },
  flash(message) {
    vscode.window.setStatusBarMessage(`$(check) ${message}`, 2000);
  },
};

/**
 * `prompts` with every text made plain (surfaceText.ts) before it is shown; `onShown` hears each
 * text as shown (the in-host tests check them all). Ids, a pre-filled value (the person's own
 * label) and the answers pass unchanged.
 */
export function inertPrompts(prompts: Prompts, onShown: (text: string) => void = () => undefined): Prompts {
  const line = (text: string) => shown(onShown, plainText(text));
  const lines = (text: string) => shown(onShown, plainDetail(text));
  const optional = (text: string | undefined) => (text === undefined ? undefined : line(text));
  return {
    pickService: (choices, placeHolder) =>
      prompts.pickService(
        choices.map((choice) => ({ id: choice.id, label: line(choice.label), description: optional(choice.description) })),
        line(placeHolder),
      ),
    confirm: (message, detail, action) => prompts.confirm(line(message), lines(detail), line(action)),
    pickFromMenu: (choices, placeHolder) =>
      prompts.pickFromMenu(
        choices.map((choice) => ({ ...choice, label: line(choice.label), description: optional(choice.description) })),
        line(placeHolder),
      ),
    askText: (prompt, value, placeHolder) => prompts.askText(line(prompt), value, line(placeHolder)),
    notify: inertNotify(prompts.notify, onShown),
    flash: (message) => prompts.flash(line(message)),
  };
}

/** `notify` with its message and button titles made plain; the chosen title is mapped back to the caller's. */
export function inertNotify(notify: Notify, onShown: (text: string) => void = () => undefined): Notify {
  return async (severity, message, actions) => {
    const titles = actions.map((action) => shown(onShown, plainText(action)));
    const chosen = await notify(severity, shown(onShown, plainText(message)), titles);
    return chosen === undefined ? undefined : actions[titles.indexOf(chosen)];
  };
}

function shown(onShown: (text: string) => void, text: string): string {
  onShown(text);
  return text;
}
