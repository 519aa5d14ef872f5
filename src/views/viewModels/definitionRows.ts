// A service definition that could not be read shows on a row of its own, at the top of the
// Accounts view, with where and why ("accountGlance.customServices[1].counters[0].value: …"); the
// other services show as ever. The reasons are the reader's, in English, as a JSON schema's are.
import * as l10n from '@vscode/l10n';
import type { DefinitionError } from '../../core/services/definition/readDefinitions';
import { markdownText } from './surfaceText';
import { SEVERITY_ICONS, type Row } from './treeRow';

export function definitionErrorRows(errors: readonly DefinitionError[]): Row[] {
  const byDefinition = new Map<string, DefinitionError[]>();
  for (const error of errors) {
    const where = error.path.slice(0, error.path.indexOf(']') + 1) || error.path;
    byDefinition.set(where, [...(byDefinition.get(where) ?? []), error]);
  }
  return [...byDefinition].map(([where, ofDefinition]) => {
    const first = ofDefinition[0] as DefinitionError;
    const lines = ofDefinition.map((error) => `${error.path}: ${error.message}`);
    return {
      id: `definition-error/${where}`,
      kind: 'message',
      label: l10n.t('Service definition not used: {name}', { name: first.label ?? where }),
      description: lines[0],
      tooltip: markdownText(lines.join('\n')),
      icon: SEVERITY_ICONS.error,
      command: { command: 'accountGlance.showLog', title: l10n.t('Show log') },
      children: lines.map((line, index) => ({ id: `definition-error/${where}/${index}`, kind: 'message', label: line })),
      expanded: false,
    };
  });
}
