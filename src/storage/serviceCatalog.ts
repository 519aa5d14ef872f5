// Which services there are: the built-in adapters, the presets, and the person's own definitions
// from `accountGlance.customServices` (user settings only: a workspace can neither add a service
// nor change where one sends its token). A definition edited while VS Code runs takes effect at
// once: `adapters` is one live list, changed in place, so every part that holds it sees the same
// services.
import * as vscode from 'vscode';
import { definedServiceAdapter } from '../core/services/definition/definedAdapter';
import type { ServiceDefinition } from '../core/services/definition/definitionSchema';
import { readServiceDefinitions, type DefinitionError } from '../core/services/definition/readDefinitions';
import { presetDefinitions } from '../core/services/presets';
import type { ServiceAdapter } from '../core/services/serviceAdapter';
import { SETTINGS_SECTION } from './settings';

const CUSTOM_SERVICES_KEY = 'customServices';

export class ServiceCatalog {
  /** Built-ins first, then presets, then the person's own; changed in place by reload(). */
  readonly adapters: ServiceAdapter[];
  private definitionErrors: readonly DefinitionError[] = [];
  /** Per id, the definition its adapter was made from: an unchanged definition keeps its adapter. */
  private readonly madeFrom = new Map<string, { readonly json: string; readonly adapter: ServiceAdapter }>();

  constructor(private readonly builtIns: readonly ServiceAdapter[]) {
    this.adapters = [...builtIns];
  }

  /** Why definitions in the settings (or a preset) could not be read: each shown on its own row and logged. */
  get errors(): readonly DefinitionError[] {
    return this.definitionErrors;
  }

  /** Reads the presets and the person's definitions again; true when the list of services changed. */
  reload(): boolean {
    const reservedIds = this.builtIns.map((adapter) => adapter.id);
    const presets = presetDefinitions(reservedIds);
    const own = readServiceDefinitions(
      vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(CUSTOM_SERVICES_KEY)?.globalValue,
      {
        where: `${SETTINGS_SECTION}.${CUSTOM_SERVICES_KEY}`,
        reservedIds,
      },
    );
    const ownIds = new Set(own.definitions.map((definition) => definition.id));
    const definitions = [...presets.definitions.filter((preset) => !ownIds.has(preset.id)), ...own.definitions];
    const next = [...this.builtIns, ...definitions.map((definition) => this.adapterFor(definition, !ownIds.has(definition.id)))];
    this.definitionErrors = [...presets.errors, ...own.errors];
    const changed = next.length !== this.adapters.length || next.some((adapter, index) => adapter !== this.adapters[index]);
    this.adapters.splice(0, this.adapters.length, ...next);
    return changed;
  }

  private adapterFor(definition: ServiceDefinition, preset: boolean): ServiceAdapter {
    const json = JSON.stringify({ definition, preset });
    const known = this.madeFrom.get(definition.id);
    if (known?.json === json) return known.adapter;
    const adapter = preset ? { ...definedServiceAdapter(definition), offeredOnly: true } : definedServiceAdapter(definition);
    this.madeFrom.set(definition.id, { json, adapter });
    return adapter;
  }
}
