// Lints BPMN files with the repository's .bpmnlintrc (bpmnlint:recommended + Camunda 7.24
// compatibility, the rules Camunda Modeler applies). Usage: node lint-models.mjs <file-or-dir>...
// Prints one line per report, "file: element: rule: message", and exits 1 when any report is an
// error or a warning: a warning in Modeler is a finding the process owner has to look at, too.
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));
const { BpmnModdle } = require('bpmn-moddle');
const Linter = require('bpmnlint/lib/linter');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const config = JSON.parse(await readFile(path.join(here, '..', '..', '.bpmnlintrc'), 'utf8'));

async function bpmnFiles(target) {
  if (!(await stat(target)).isDirectory()) {
    return [target];
  }
  const names = (await readdir(target)).filter(n => n.endsWith('.bpmn')).sort();
  return names.map(n => path.join(target, n));
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: node lint-models.mjs <file-or-dir>...');
  process.exit(2);
}

let findings = 0;
for (const file of (await Promise.all(targets.map(bpmnFiles))).flat()) {
  const xml = await readFile(file, 'utf8');
  const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
  for (const w of warnings) {
    findings++;
    console.log(`${path.basename(file)}: -: parse: ${w.message}`);
  }
  // One linter per file: some rules (no-duplicate-sequence-flows) keep state across the files they see.
  const linter = new Linter({ config, resolver: new NodeResolver({ require }) });
  const results = await linter.lint(rootElement);
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      findings++;
      console.log(`${path.basename(file)}: ${r.id || '-'}: ${rule}: ${r.message} (${r.category})`);
    }
  }
}
console.log(findings === 0 ? 'bpmnlint: clean' : `bpmnlint: ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
