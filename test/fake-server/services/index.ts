// Every fake service, in one list: the server, its CLI, the demo and the tests serve these. Another
// service is a module like signeasy.ts (FakeServiceModule in ../fakeService.ts) and one line here.
import { didww } from './didww';
import { leadping } from './leadping';
import { openrouter } from './openrouter';
import { signeasy } from './signeasy';
import { telnyx } from './telnyx';
import { twilio } from './twilio';

export const FAKE_SERVICES = [leadping, signeasy, telnyx, twilio, openrouter, didww] as const;

export type FakeService = (typeof FAKE_SERVICES)[number]['id'];

/** One value per fake service, by id. */
export function byService<T>(value: (service: (typeof FAKE_SERVICES)[number]) => T): Readonly<Record<FakeService, T>> {
  return Object.fromEntries(FAKE_SERVICES.map((service) => [service.id, value(service)])) as Record<FakeService, T>;
}
