// The client's frame types are the protocol's: one per JSON Schema the server's tests check frames against.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SERVER_FRAME_TYPES, CLIENT_FRAME_TYPES } from '../dist/index.js';

// the repository's root is three levels up (clients/js/test)
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(root, 'shared-events', 'src', 'main', 'resources', 'dev', 'parley', 'protocol', 'ws');
const names = (side) => readdirSync(join(dir, side)).map((f) => f.replace('.schema.json', '')).sort();

test('every server and client frame of the protocol has its type in the client, and no other', () => {
  assert.deepEqual([...SERVER_FRAME_TYPES].sort(), names('server'));
  assert.deepEqual([...CLIENT_FRAME_TYPES].sort(), names('client'));
});

test('the frames the client sends match the protocol\'s schemas', () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const frames = [
    ['auth', { type: 'auth', token: 't' }], ['ping', { type: 'ping' }],
    ['resume', { type: 'resume', rooms: { '6f1c1d2e-9a3b-4c5d-8e7f-0a1b2c3d4e5f': 4 } }],
    ['typing_start', { type: 'typing_start', room_id: '6f1c1d2e-9a3b-4c5d-8e7f-0a1b2c3d4e5f' }],
  ];
  for (const [name, frame] of frames) {
    const schema = JSON.parse(readFileSync(join(dir, 'client', `${name}.schema.json`), 'utf8'));
    const validate = ajv.compile(schema);
    assert.ok(validate(frame), `${name}: ${JSON.stringify(validate.errors)}`);
  }
});
