// The questions the commands ask a person. Behind an interface so the in-host tests can answer
// them; the input box itself stays real (tests reach it through `onDidShowInputBox`).
import * as vscode from 'vscode';

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

export interface Prompts {
  pickService(choices: readonly ServiceChoice[], placeHolder: string): Promise<string | undefined>;
  /** A modal question with one action; true when the person chose it. */
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A menu to choose one entry from; the chosen entry's id, undefined when dismissed. */
  pickFromMenu(choices: readonly MenuChoice[], placeHolder: string): Promise<string | undefined>;
  /** A line of text (an account's label), starting from `value`; undefined when dismissed. */
  askText(prompt: string, value: string, placeHolder: string): Promise<string | undefined>;
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
};
