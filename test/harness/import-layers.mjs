// The layers of src/, bottom to top; a file imports its own layer and lower ones, never a higher one.
// Type-only imports count too: the point is which way the dependencies run. scripts/check-imports.mjs
// (part of `npm run lint`) applies it to every import in src/; test/unit/importLayers.test.ts tests it.
//
//   core ← storage ← view models ← views / commands / api ← wiring ← extension.ts
//
// Views, commands and the API share a layer but are three parts that do not import one another:
// each imports its own part and the layers below, and wiring joins them.

/** Each layer's parts, bottom to top; a part is named by the files it holds (repository-relative, '/'). */
const LAYERS = [
  { name: 'core', parts: [{ name: 'core', pattern: /^src\/core\// }] },
  { name: 'storage', parts: [{ name: 'storage', pattern: /^src\/storage\// }] },
  { name: 'view models', parts: [{ name: 'view models', pattern: /^src\/views\/viewModels\// }] },
  {
    name: 'views / commands / api',
    parts: [
      { name: 'views', pattern: /^src\/views\/[^/]+$/ },
      { name: 'commands', pattern: /^src\/commands\// },
      { name: 'api', pattern: /^src\/api\// },
    ],
  },
  { name: 'wiring', parts: [{ name: 'wiring', pattern: /^src\/(wiring|testApi)\.ts$/ }] },
  { name: 'extension.ts', parts: [{ name: 'extension.ts', pattern: /^src\/extension\.ts$/ }] },
];

export const LAYER_ORDER = LAYERS.map((layer) => layer.name).join(' ← ');

/** Where a file of src/ sits: its layer's rank (0 is core), the layer's name and the part's; undefined outside every layer. */
export function layerOf(file) {
  const path = file.replaceAll('\\', '/');
  for (const [rank, layer] of LAYERS.entries()) {
    const part = layer.parts.find(({ pattern }) => pattern.test(path));
    if (part) return { rank, layer: layer.name, part: part.name };
  }
  return undefined;
}

/** Why `file` (in src/) may not import `target` (both repository-relative), or undefined when it may. */
export function layerViolation(file, target) {
  const from = layerOf(file);
  if (!from) return `${file} is in no layer of src/: place it in one (test/harness/import-layers.mjs lists them)`;
  if (!target.replaceAll('\\', '/').startsWith('src/')) {
    return /^(test|scripts)[/\\]/.test(target) ? `${file} imports ${target}: src/ never imports test/ or scripts/` : undefined;
  }
  const to = layerOf(target);
  if (!to) return `${file} imports ${target}, which is in no layer of src/: place it in one (test/harness/import-layers.mjs lists them)`;
  if (to.rank > from.rank) {
    return `${file} imports ${target}: ${from.layer} must not import ${to.layer}, a higher layer (layers, bottom to top: ${LAYER_ORDER})`;
  }
  if (to.rank === from.rank && to.part !== from.part) {
    return `${file} imports ${target}: ${from.part} and ${to.part} share the ${from.layer} layer but do not import each other (wiring joins them)`;
  }
  return undefined;
}
