// The core bundle as the third-service suite builds it: the real wiring, with the test-only
// Stampbox adapter added to the registry's list. Nothing else differs from dist/core.js.
import type * as vscode from 'vscode';
import { SERVICE_ADAPTERS } from '../../src/core/services/registry';
import { wireUpWith, type ActivationExports, type Shell } from '../../src/wiring';
import { stampboxAdapter } from './stampboxAdapter';

export function wireUp(context: vscode.ExtensionContext, shell: Shell): ActivationExports {
  return wireUpWith(context, shell, [...SERVICE_ADAPTERS, stampboxAdapter]);
}
