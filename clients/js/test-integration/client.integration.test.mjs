// Against a running stack (system-tests' JsClientIT starts one and passes its addresses):
//   PARLEY_URL      the first gateway, for REST and the writers
//   PARLEY_URL_2    a second gateway, which the reader connects to and the test restarts
//   PARLEY_CONTROL  POST /stop-gateway-2, /start-gateway-2
//   PARLEY_TOKEN_TTL_S  the stack's access-token lifetime (short, so that a refresh happens during the test)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { ParleyClient } from '../dist/index.js';

const url = process.env.PARLEY_URL;
const url2 = process.env.PARLEY_URL_2;
const control = process.env.PARLEY_CONTROL;
const ttl = Number(process.env.PARLEY_TOKEN_TTL_S ?? '900');
const suffix = () => Math.random().toString(16).slice(2, 10);
const until = async (what, ok, ms = 30_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
};

async function user(base, name, options = {}) {
  const client = new ParleyClient({ baseUrl: base, WebSocket, refreshBeforeMs: Math.max(2_000, ttl * 500), ...options });
  const username = `${name}_${suffix()}`;
  await client.register({ username, email: `${username}@example.com`, password: 'securePassword123',
    display_name: `Name ${username}` });
  await client.login(username, 'securePassword123');
  return client;
}

test('a reader whose gateway restarts gets every message sent meanwhile, once, in order', { timeout: 120_000 },
  async () => {
    const ann = await user(url, 'ann');
    const bob = await user(url2, 'bob');
    const room = await ann.createRoom({ name: 'Resume', type: 'public' });
    await bob.joinRoom(room.id);
    const socket = bob.connect();
    const got = [];
    const closes = [];
    socket.on('frame', (f) => { if (f.type === 'message' && f.room_id === room.id) got.push(f); });
    socket.on('closed', (c) => closes.push(c));
    let authenticated = 0;
    socket.on('authenticated', () => authenticated++);
    await until('bob authenticated', () => authenticated > 0);
    await until('the first message', async () => {
      if (got.length === 0) await ann.sendMessage(room.id, 'before 0');
      await new Promise((r) => setTimeout(r, 300));
      return got.length > 0;
    });
    const before = got.length;

    assert.equal((await fetch(`${control}/stop-gateway-2`, { method: 'POST' })).status, 200);
    await until('bob sees the close', () => closes.length > 0);
    const sent = [];
    for (let i = 1; i <= 12; i++) {
      sent.push((await ann.sendMessage(room.id, `while away ${i}`)).id);
    }
    assert.equal((await fetch(`${control}/start-gateway-2`, { method: 'POST' })).status, 200);
    await until('every message sent meanwhile', () => sent.every((id) => got.some((f) => f.message?.id === id)), 60_000);
    await ann.sendMessage(room.id, 'after');
    await until('the live message after the resume', () => got.some((f) => f.message?.content === 'after'));

    const ids = got.map((f) => f.event_id);
    assert.equal(new Set(ids).size, ids.length, 'no event twice');
    const seqs = got.map((f) => f.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'in seq order');
    for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], seqs[i - 1] + 1, 'no hole');
    assert.ok(got.length >= before + 13);
    assert.ok(closes.every((c) => c.willRetry), JSON.stringify(closes));
    console.log(`resume: ${sent.length} sent while the reader's gateway was down, all received once, in order; `
      + `closes ${JSON.stringify(closes.map((c) => c.code))}`);
    ann.close();
    bob.close();
  });

test('the access token is refreshed with the socket open, which stays open past the old token\'s expiry',
  { timeout: 120_000 }, async () => {
    const refreshBeforeMs = Math.max(2_000, (ttl * 1000) / 2);
    const cat = await user(url, 'cat', { refreshBeforeMs });
    const dan = await user(url, 'dan');
    const room = await cat.createRoom({ name: 'Refresh', type: 'public' });
    await dan.joinRoom(room.id);
    const first = cat.current.token;
    const socket = cat.connect();
    const got = [];
    const closes = [];
    const auths = [];
    socket.on('frame', (f) => { if (f.type === 'message') got.push(f.message?.content); });
    socket.on('closed', (c) => closes.push(c));
    socket.on('authenticated', (a) => auths.push(a));
    await until('cat authenticated', () => auths.length >= 1);
    // past the first token's expiry: the client refreshed before it, and told the open socket
    await new Promise((r) => setTimeout(r, (ttl + 3) * 1000));
    assert.notEqual(cat.current.token, first, 'refreshed');
    assert.ok(auths.length >= 2, 'the fresh token was accepted on the open socket');
    await dan.sendMessage(room.id, 'still there?');
    await until('a message on the same socket', () => got.includes('still there?'));
    assert.deepEqual(closes, [], 'the socket never closed');
    console.log(`refresh: ${auths.length - 1} re-authentications on one socket over ${ttl + 3} s, no close`);
    cat.close();
    dan.close();
  });
