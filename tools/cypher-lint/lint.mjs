#!/usr/bin/env node
// Checks Cypher files with Neo4j's own parser and semantic analyser
// (@neo4j-cypher/language-support, the engine behind Neo4j's editors and Browser).
//
//   node lint.mjs [--schema schema.json] [--cypher-version "CYPHER 5"] FILE_OR_DIR ...
//
// Directories are searched recursively for *.cypher.  Each file declares the parameters it
// takes in a header line `// params: $a, $b` (or `// params: (none)`); a parameter used but
// not declared is reported, like any syntax or semantic error.  With --schema (labels,
// relationshipTypes, propertyKeys as JSON: `python -c "from coi_graph.neo4j_engine import
// lint_schema"` writes it) a label, type or property the loader never writes is reported too.
// Prints a JSON list of {file, diagnostics: [{severity, line, column, message}]} and exits 1
// when there is any diagnostic, 2 on bad usage.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function usage(msg) {
  process.stderr.write(`${msg}\nusage: node lint.mjs [--schema FILE] [--cypher-version V] FILE_OR_DIR ...\n`);
  process.exit(2);
}

function cypherFiles(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => {
    const p = join(path, name);
    if (statSync(p).isDirectory()) return cypherFiles(p);
    return name.endsWith('.cypher') ? [p] : [];
  });
}

export function declaredParams(text) {
  const m = text.match(/^\/\/\s*params:(.*)$/m);
  if (!m) return null;
  return m[1].split(',').map((s) => s.trim().replace(/^\$/, ''))
    .filter((s) => s && s !== '(none)');
}

export function lintText(text, schema, version) {
  const params = declaredParams(text);
  const diagnostics = [];
  if (params === null) {
    diagnostics.push({ severity: 'error', line: 1, column: 1,
      message: 'no "// params:" header line (write "// params: (none)" when there are none)' });
  }
  const dbSchema = { ...schema, defaultLanguage: version,
    parameters: Object.fromEntries((params || []).map((p) => [p, null])) };
  const { diagnostics: found } = lintCypherQuery(text, dbSchema);
  for (const d of found) {
    diagnostics.push({ severity: SEVERITY[d.severity] || String(d.severity),
      line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message });
  }
  return diagnostics;
}

const args = process.argv.slice(2);
let schema = {};
let version = 'CYPHER 5';
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schema') {
    if (!args[i + 1]) usage('--schema needs a file');
    schema = JSON.parse(readFileSync(args[++i], 'utf8'));
  } else if (args[i] === '--cypher-version') {
    if (!args[i + 1]) usage('--cypher-version needs a value');
    version = args[++i];
  } else if (args[i].startsWith('--')) {
    usage(`unknown option ${args[i]}`);
  } else {
    paths.push(args[i]);
  }
}
if (!paths.length) usage('no files given');

const report = [];
let problems = 0;
for (const file of paths.flatMap(cypherFiles)) {
  const diagnostics = lintText(readFileSync(file, 'utf8'), schema, version);
  problems += diagnostics.length;
  report.push({ file, diagnostics });
}
process.stdout.write(JSON.stringify(report, null, 1) + '\n');
process.exit(problems ? 1 : 0);
