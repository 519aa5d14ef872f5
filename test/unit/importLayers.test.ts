// The layer rule scripts/check-imports.mjs applies to src/ in `npm run lint`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layerOf, layerViolation } from '../harness/import-layers.mjs';

test('every folder of src/ sits in its layer, bottom to top', () => {
  const ranks = [
    'src/core/model.ts',
    'src/storage/settings.ts',
    'src/views/viewModels/statusBarView.ts',
    'src/views/accountTree.ts',
    'src/wiring.ts',
    'src/extension.ts',
  ].map((file) => layerOf(file)?.rank);
  assert.deepEqual(ranks, [0, 1, 2, 3, 4, 5]);
  assert.equal(layerOf('src/commands/commands.ts')?.rank, 3);
  assert.equal(layerOf('src/api/accountGlanceApi.ts')?.rank, 3);
  assert.equal(layerOf('src/testApi.ts')?.layer, 'wiring');
  assert.equal(layerOf('src/somewhere.ts'), undefined);
});

test('a wrong-way import is refused, naming the file, the import and both layers', () => {
  const message = layerViolation('src/storage/settings.ts', 'src/views/viewModels/statusBarView.ts');
  assert.match(
    message ?? '',
    /^src\/storage\/settings\.ts imports src\/views\/viewModels\/statusBarView\.ts: storage must not import view models/,
  );
  assert.ok(layerViolation('src/core/model.ts', 'src/storage/settings.ts'));
  assert.ok(layerViolation('src/views/viewModels/publicAccount.ts', 'src/api/accountGlanceApi.ts'));
  assert.ok(layerViolation('src/views/accountTree.ts', 'src/wiring.ts'));
  assert.ok(layerViolation('src/wiring.ts', 'src/extension.ts'));
});

test('the same layer and any lower one pass', () => {
  const allowed: [string, string][] = [
    ['src/core/refresh/accountRefresher.ts', 'src/core/http/accountFetcher.ts'],
    ['src/storage/lastStatusBarText.ts', 'src/storage/serialState.ts'],
    ['src/views/viewModels/statusBarView.ts', 'src/core/model.ts'],
    ['src/views/statusBarRenderer.ts', 'src/storage/settings.ts'],
    ['src/views/statusBarRenderer.ts', 'src/views/statusBarItem.ts'],
    ['src/api/exportedApi.ts', 'src/views/viewModels/accountTitle.ts'],
    ['src/wiring.ts', 'src/api/exportedApi.ts'],
    ['src/extension.ts', 'src/wiring.ts'],
  ];
  for (const [file, target] of allowed) {
    assert.equal(layerViolation(file, target), undefined, `${file} → ${target}`);
  }
});

test('views, commands and the API share a layer but do not import one another', () => {
  assert.match(layerViolation('src/commands/commands.ts', 'src/views/accountTree.ts') ?? '', /commands and views share/);
  assert.ok(layerViolation('src/api/accountsTool.ts', 'src/commands/prompts.ts'));
  assert.ok(layerViolation('src/views/accountTree.ts', 'src/api/exportedApi.ts'));
  assert.equal(layerViolation('src/commands/commands.ts', 'src/commands/prompts.ts'), undefined);
});

test('a file outside every layer, or an import of test/ or scripts/, is refused', () => {
  assert.match(layerViolation('src/somewhere.ts', 'src/core/model.ts') ?? '', /in no layer/);
  assert.match(layerViolation('src/core/model.ts', 'src/elsewhere/thing.ts') ?? '', /in no layer/);
  assert.match(layerViolation('src/core/model.ts', 'test/support/clock.ts') ?? '', /never imports test\/ or scripts\//);
  assert.equal(layerViolation('src/extension.ts', 'package.json'), undefined);
});
