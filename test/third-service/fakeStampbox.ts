// The fake Stampbox for the third-service suite: one module in the shape of the fake server's
// others (test/fake-server/services/), so the server serves it when it is listed with them.
import type { FakeServiceModule, Scenario, ServiceErrors } from '../fake-server/fakeService';
import { sharedScenarios } from '../fake-server/sharedScenarios';
import { STAMPBOX_ACCOUNT_PATH } from './stampboxAdapter';

const errors: ServiceErrors = {
  error: (status, title, detail, headers = {}) => ({ status, json: { error: title, detail }, headers }),
  unauthorized: (detail = 'Unknown API key.') => errors.error(401, 'Unauthorized', detail),
};

function stampboxAccount(stamps: number): Scenario {
  return (request) =>
    request.path === STAMPBOX_ACCOUNT_PATH
      ? { status: 200, json: { holder: { id: 'sb-42', name: 'Ada Byron', email: 'ada@stampbox.example' }, plan: 'Letters', stamps } }
      : errors.error(404, 'Not Found', 'No such resource.');
}

const normal = stampboxAccount(240);

export const stampbox: FakeServiceModule<'stampbox'> = {
  id: 'stampbox',
  displayName: 'Stampbox',
  routes: [STAMPBOX_ACCOUNT_PATH],
  token: 'sb_test_key',
  scenarioTokenPrefix: 'sb_test_',
  scenarios: { ...sharedScenarios(errors, normal), normal, low: stampboxAccount(4), exhausted: stampboxAccount(0) },
  defaultScenario: 'normal',
  demoScenario: 'normal',
  ...errors,
};
