// Validates Kubernetes manifests (multi-document YAML: files, or stdin) against the schemas of Kubernetes itself and
// of the operators' CRDs Parley uses (Strimzi, CloudNativePG, Gateway API, cert-manager, prometheus-operator), as
// generated from their OpenAPI definitions by kubernetes-models. A document of a kind no schema is known for is an
// error (like kubeconform -strict without -ignore-missing-schemas). The versions the objects name are checked
// against the one file that pins them, k8s/versions.env: the Kafka version (one the pinned Strimzi runs) and the
// PostgreSQL image. Exits 1 on any error.
// Usage: node validate.mjs [FILE...]   (no file: standard input)
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const versionsFile = join(here, '..', '..', 'k8s', 'versions.env');

// KEY=value lines of a shell-sourceable file (values optionally in double quotes), comments and blanks skipped
async function readVersions(file) {
  const versions = {};
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const m = line.match(/^([A-Z][A-Z0-9_]*)=(?:"([^"]*)"|(\S*))\s*$/);
    if (m) versions[m[1]] = m[2] ?? m[3];
  }
  return versions;
}
const pinned = await readVersions(versionsFile);

// what an object says of a pinned version, or null when it names none
function versionErrors(obj) {
  const errors = [];
  if (obj.apiVersion?.startsWith('kafka.strimzi.io/') && obj.kind === 'Kafka') {
    const v = obj.spec?.kafka?.version;
    if (v !== pinned.KAFKA_VERSION) errors.push(`spec.kafka.version ${v} is not KAFKA_VERSION ${pinned.KAFKA_VERSION} of k8s/versions.env`);
    if (!(pinned.STRIMZI_KAFKA_VERSIONS ?? '').split(/\s+/).includes(v)) {
      errors.push(`Kafka ${v} is not one Strimzi ${pinned.STRIMZI_VERSION} runs (${pinned.STRIMZI_KAFKA_VERSIONS})`);
    }
  }
  if (obj.apiVersion?.startsWith('postgresql.cnpg.io/') && obj.kind === 'Cluster' && obj.spec?.imageName !== pinned.POSTGRESQL_IMAGE) {
    errors.push(`spec.imageName ${obj.spec?.imageName} is not POSTGRESQL_IMAGE ${pinned.POSTGRESQL_IMAGE} of k8s/versions.env`);
  }
  return errors;
}
const packages = [
  'kubernetes-models',
  '@kubernetes-models/strimzi-kafka-operator',
  '@kubernetes-models/cloudnative-pg',
  '@kubernetes-models/gateway-api',
  '@kubernetes-models/cert-manager',
  '@kubernetes-models/prometheus-operator',
].map((p) => join(here, 'node_modules', p));

async function modelFor(apiVersion, kind) {
  for (const pkg of packages) {
    const file = join(pkg, apiVersion, `${kind}.js`);
    if (existsSync(file)) {
      const module = await import(pathToFileURL(file).href);
      return module[kind];
    }
  }
  return null;
}

async function readInput(files) {
  if (files.length === 0) {
    const chunks = [];
    for await (const c of process.stdin) chunks.push(c);
    return [{ name: 'stdin', text: Buffer.concat(chunks).toString('utf8') }];
  }
  return Promise.all(files.map(async (f) => ({ name: f, text: await readFile(f, 'utf8') })));
}

let failed = 0;
let checked = 0;
const kinds = new Map();
for (const { name, text } of await readInput(process.argv.slice(2))) {
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      failed++;
      console.error(`${name}: YAML error: ${doc.errors[0].message}`);
      continue;
    }
    const obj = doc.toJS();
    if (obj == null) continue;
    const id = `${obj.kind} ${obj.metadata?.name ?? '?'} (${obj.apiVersion})`;
    const Model = await modelFor(obj.apiVersion, obj.kind);
    if (!Model) {
      failed++;
      console.error(`${name}: ${id}: no schema for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    const pinnedErrors = versionErrors(obj);
    if (pinnedErrors.length) {
      failed++;
      console.error(`${name}: ${id}: ${pinnedErrors.join('; ')}`);
      continue;
    }
    try {
      new Model(obj).validate();
      checked++;
      kinds.set(`${obj.apiVersion} ${obj.kind}`, (kinds.get(`${obj.apiVersion} ${obj.kind}`) ?? 0) + 1);
    } catch (e) {
      failed++;
      const details = (e.errors ?? []).map((x) => `${x.instancePath || '/'} ${x.message}`
        + (x.params && Object.keys(x.params).length ? ` ${JSON.stringify(x.params)}` : '')).join('; ');
      console.error(`${name}: ${id}: ${details || e.message}`);
    }
  }
}
console.log(`k8s manifests: ${checked} valid, ${failed} invalid; kinds: `
  + [...kinds.entries()].map(([k, n]) => `${k} ×${n}`).join(', '));
process.exit(failed ? 1 : 0);
