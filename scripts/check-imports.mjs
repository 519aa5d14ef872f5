// Part of `npm run lint`: the import graph of src/, scripts/ and test/ has no cycle, and runs one way:
// scripts/ holds entry points only (none imports another), nothing in test/ imports scripts/, and
// src/ runs up its layers (core ← storage ← view models ← views / commands / api ← wiring ← extension.ts:
// a file imports its own layer and lower ones; type-only imports count; test/harness/import-layers.mjs).
// Imports are read with TypeScript's own pre-processor (static, dynamic and re-exports alike).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { parseCommandLine } from '../test/harness/command-line.mjs';
import { LAYER_ORDER, layerViolation } from '../test/harness/import-layers.mjs';
import { repoRoot } from '../test/harness/paths.mjs';

const ROOTS = ['src', 'scripts', 'test'];
const SOURCE = /\.(ts|mts|mjs|js)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.mjs', '.js', '/index.ts', '/index.mjs'];

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.mts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The repository-relative file a relative import names, or undefined (a package, or a file outside what is checked). */
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const found = RESOLVE_SUFFIXES.map((suffix) => base + suffix).find((path) => existsSync(path) && statSync(path).isFile());
  return found && relative(repoRoot, found);
}

function importGraph() {
  const graph = new Map();
  for (const file of ROOTS.flatMap((root) => sourceFiles(join(repoRoot, root)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map(({ fileName }) => resolveImport(file, fileName)).filter(Boolean);
    graph.set(relative(repoRoot, file), [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle, each once, as the list of files around it. */
function cycles(graph) {
  const found = [];
  const state = new Map(); // file → 'open' while on the path, 'done' after
  const path = [];
  const visit = (file) => {
    state.set(file, 'open');
    path.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') found.push([...path.slice(path.indexOf(target)), target]);
      else if (!state.has(target) && graph.has(target)) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

function wrongWay(graph) {
  const problems = [];
  for (const [file, targets] of graph) {
    if (file.startsWith('src/')) {
      for (const target of targets) {
        const problem = layerViolation(file, target);
        if (problem) problems.push(problem);
      }
    }
    for (const target of targets.filter((candidate) => candidate.startsWith('scripts/'))) {
      if (file.startsWith('test/')) problems.push(`${file} imports ${target}: test/ never imports scripts/`);
      if (file.startsWith('scripts/'))
        problems.push(`${file} imports ${target}: scripts/ holds entry points, which import none of each other`);
    }
  }
  return problems;
}

parseCommandLine('node scripts/check-imports.mjs', { options: {} });
const graph = importGraph();
const problems = [...cycles(graph).map((cycle) => `import cycle: ${cycle.join(' → ')}`), ...wrongWay(graph)];
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log(`Imports: ${graph.size} files in ${ROOTS.join('/, ')}/, no cycle, test/ never imports scripts/, src/ runs ${LAYER_ORDER}.`);
