// The extension as the third-service suite builds it: the real activate(), with the test-only
// Stampbox adapter added to the registry's list. Nothing else differs from dist/extension.js.
import type * as vscode from 'vscode';
import { activateWith } from '../../src/extension';
import { SERVICE_ADAPTERS } from '../../src/core/services/registry';
import { stampboxAdapter } from './stampboxAdapter';

export function activate(context: vscode.ExtensionContext) {
  return activateWith(context, [...SERVICE_ADAPTERS, stampboxAdapter]);
}

export { deactivate } from '../../src/extension';
