// Parses and validates AsyncAPI documents with @asyncapi/parser (the AsyncAPI initiative's parser: the
// specification's JSON Schema, reference resolution and its semantic rules). Exits 1 on any error, and on warnings
// too, so that a document the ecosystem's tools would complain about fails the build.
// Usage: node validate.mjs FILE...
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE...');
  process.exit(2);
}
const parser = new Parser();
let failed = false;
for (const file of files) {
  const path = resolve(file);
  const text = await readFile(path, 'utf8');
  const { document, diagnostics } = await parser.parse(text, { source: path });
  const problems = diagnostics.filter((d) => d.severity <= DiagnosticSeverity.Warning);
  for (const d of problems) {
    const where = d.path && d.path.length ? d.path.join('.') : '(document)';
    console.error(`${file}: ${DiagnosticSeverity[d.severity]} ${d.code}: ${d.message} at ${where}`);
  }
  if (!document || problems.length > 0) {
    failed = true;
    continue;
  }
  const messages = document.allMessages().length;
  const operations = document.allOperations().length;
  const channels = document.allChannels().length;
  console.log(`${file}: valid AsyncAPI ${document.version()}: ${channels} channels, ${operations} operations, `
    + `${messages} messages`);
}
process.exit(failed ? 1 : 0);
