// The services Account Glance knows as data: one JSON file each in presets/ (docs/custom-services.md),
// read through the same checks as a person's own definitions. A person's definition with a
// preset's id takes its place: copy a preset into settings and change it.
import didww from '../../../presets/didww.json';
import openrouter from '../../../presets/openrouter.json';
import telnyx from '../../../presets/telnyx.json';
import twilio from '../../../presets/twilio.json';
import { readServiceDefinitions, type DefinitionsRead } from './definition/readDefinitions';

const PRESET_FILES = [telnyx, twilio, openrouter, didww];

/** Read once, when first asked (not at activation): the presets and, if any failed to read, why. */
let presets: DefinitionsRead | undefined;

export function presetDefinitions(reservedIds: readonly string[]): DefinitionsRead {
  presets ??= readServiceDefinitions(PRESET_FILES, { where: 'presets', reservedIds });
  return presets;
}
