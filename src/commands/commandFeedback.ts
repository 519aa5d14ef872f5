// What a command tells a person when it is done or could not be: a passing toast, or the one
// sentence for a secret storage that failed, with the way to the README's help.
import * as vscode from 'vscode';
import type { Prompts } from './prompts';

export class CommandFeedback {
  constructor(
    private readonly prompts: Prompts,
    private readonly log: vscode.LogOutputChannel,
    private readonly showTroubleshooting: () => Thenable<unknown>,
  ) {}

  /** An information toast nobody waits on; a failure to show it goes to the log. */
  say(message: string): void {
    this.prompts.notify('info', message, []).catch((error: unknown) => this.log.warn(`A message could not be shown: ${String(error)}`));
  }

  /** Tells a person that secret storage failed (`failure`: what did not happen, a whole sentence), with the way to the README's help. */
  async reportSecretStorageFailure(failure: string, error: unknown): Promise<void> {
    this.log.error(`${failure} (${error instanceof Error ? error.name : 'error'} from VS Code's secret storage)`);
    const troubleshooting = vscode.l10n.t('Troubleshooting');
    const choice = await this.prompts.notify(
      'error',
      vscode.l10n.t(
        "{failure} VS Code's secret storage is not available (the system keyring may be locked or missing). Nothing was changed.",
        {
          failure,
        },
      ),
      [troubleshooting],
    );
    if (choice === troubleshooting) await this.showTroubleshooting();
  }
}
