import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ParleySocket } from '../dist/index.js';
import { FakeSocket, fakeTimers, flush } from './fakes.mjs';

beforeEach(() => FakeSocket.reset());

function socket(extra = {}) {
  const timers = fakeTimers();
  const s = new ParleySocket({ url: 'ws://gw/ws', token: async () => 'tok', WebSocket: FakeSocket, random: () => 0.5,
    setTimer: timers.setTimer, clearTimer: timers.clearTimer, backoff: { initialMs: 1000, maxMs: 8000 }, ...extra });
  const frames = [], closes = [], gaps = [];
  s.on('frame', (f) => frames.push(f));
  s.on('closed', (c) => closes.push(c));
  s.on('gap', (g) => gaps.push(g));
  return { s, timers, frames, closes, gaps };
}

const msg = (room, seq, id = `e${room}${seq}`) => ({ type: 'message', event_type: 'event.message.send', event_id: id,
  room_id: room, seq, content: `m${seq}`, timestamp: '2026-01-01T00:00:00Z' });

test('each event once, each room in seq order; a hole is filled by a resume before anything after it', async () => {
  const { s, frames } = socket();
  s.connect();
  await flush();
  const ws = FakeSocket.last();
  assert.equal(ws.url, 'ws://gw/ws?token=tok');
  ws.serverOpen();
  ws.serverSend(msg('A', 1));
  ws.serverSend(msg('A', 1)); // the same event again
  ws.serverSend({ ...msg('A', 2), event_id: 'other-id-same-seq' }); // the same seq again under another id: kept once
  ws.serverSend(msg('A', 2, 'eA2b'));
  ws.serverSend(msg('A', 5)); // 3 and 4 missing
  assert.deepEqual(ws.sent.at(-1), { type: 'resume', rooms: { A: 2 } });
  ws.serverSend({ type: 'typing_start', event_id: 't1', room_id: 'A' }); // no seq: not held
  ws.serverSend(msg('A', 3));
  ws.serverSend(msg('A', 4));
  ws.serverSend(msg('A', 5));
  ws.serverSend({ type: 'resume_complete', rooms: { A: { recovered: true, seq: 5 } } });
  await flush();
  assert.deepEqual(frames.map((f) => f.type === 'message' ? `A${f.seq}` : f.type), ['A1', 'A2', 'typing_start', 'A3', 'A4', 'A5']);
  s.close();
});

test('after a drop it reconnects with jittered back-off and resumes every room from the last seq it delivered', async () => {
  const { s, timers, frames, closes } = socket();
  s.connect();
  await flush();
  let ws = FakeSocket.last();
  ws.serverOpen();
  ws.serverSend(msg('A', 7));
  ws.serverSend(msg('B', 3));
  ws.serverClose(1006, '');
  assert.deepEqual(closes[0], { code: 1006, reason: '', willRetry: true, inMs: 500 }); // 0.5 × 1000
  await timers.fire(500);
  ws = FakeSocket.last();
  assert.equal(FakeSocket.all.length, 2);
  ws.serverOpen();
  assert.deepEqual(ws.sent[1], { type: 'resume', rooms: { A: 7, B: 3 } });
  ws.serverSend(msg('A', 8));
  ws.serverSend(msg('A', 7)); // replayed, already delivered
  ws.serverSend({ type: 'resume_complete', rooms: { A: { recovered: true, seq: 8 }, B: { recovered: true, seq: 3 } } });
  await flush();
  assert.deepEqual(frames.map((f) => `${f.room_id}${f.seq}`), ['A7', 'B3', 'A8']);
  ws.serverClose(1006, '');
  assert.equal(closes.at(-1).inMs, 1000); // the next attempt waits longer (0.5 × 2000)
  s.close();
});

test('close codes: no retry on an authentication failure, at once after 1001, a fresh token after 4001', async () => {
  let refreshed = 0;
  const { s, timers, closes } = socket({ refreshToken: async () => { refreshed++; return 'tok2'; } });
  s.connect();
  await flush();
  FakeSocket.last().serverOpen();
  FakeSocket.last().serverClose(1001, 'Server shutting down');
  assert.deepEqual(closes.at(-1), { code: 1001, reason: 'Server shutting down', willRetry: true, inMs: 0 });
  await timers.fire(0);
  FakeSocket.last().serverOpen();
  FakeSocket.last().serverClose(4001, 'Token expired');
  await flush();
  assert.equal(refreshed, 1);
  assert.equal(closes.at(-1).inMs, 0);
  await timers.fire(0);
  assert.equal(FakeSocket.all.length, 3);
  FakeSocket.last().serverOpen();
  FakeSocket.last().serverClose(1008, 'Authentication failed');
  assert.deepEqual(closes.at(-1), { code: 1008, reason: 'Authentication failed', willRetry: false, inMs: null });
  assert.equal(timers.pending.filter((t) => t.ms < 30000).length, 0);
});

test('a room the server can no longer replay becomes a gap, with its messages refetched by REST', async () => {
  const refetched = [{ id: 'm9', seq: 9, content: 'x' }, { id: 'm8', seq: 8, content: 'y' }];
  const { s, timers, frames, gaps } = socket({ refetch: async (room) => (room === 'A' ? refetched : []) });
  s.connect();
  await flush();
  FakeSocket.last().serverOpen();
  FakeSocket.last().serverSend(msg('A', 2));
  FakeSocket.last().serverClose(1006, '');
  await timers.fire(500);
  const ws = FakeSocket.last();
  ws.serverOpen();
  ws.serverSend(msg('A', 10));
  ws.serverSend({ type: 'resume_complete', rooms: { A: { recovered: false, reason: 'too_old', from_seq: 3, to_seq: 9 } } });
  await flush();
  assert.equal(gaps.length, 1);
  assert.deepEqual(gaps[0], { room_id: 'A', from_seq: 3, to_seq: 9, reason: 'too_old', messages: refetched });
  assert.deepEqual(frames.map((f) => f.seq), [2, 10]);
  s.close();
});

test('a fresh token is sent on the open socket', async () => {
  const { s } = socket();
  s.connect();
  await flush();
  FakeSocket.last().serverOpen();
  assert.equal(s.reauthenticate('tok-new'), true);
  assert.deepEqual(FakeSocket.last().sent.at(-1), { type: 'auth', token: 'tok-new' });
  s.close();
});

test('options given as undefined keep their defaults (as ParleyClient passes them)', async () => {
  const s = new ParleySocket({ url: 'ws://gw/ws', token: async () => 'tok', WebSocket: FakeSocket, random: undefined,
    setTimer: undefined, clearTimer: undefined });
  const closes = [];
  s.on('closed', (c) => closes.push(c));
  s.connect();
  await flush();
  FakeSocket.last().serverOpen();
  FakeSocket.last().serverClose(1006, '');
  assert.equal(closes[0].willRetry, true);
  assert.ok(closes[0].inMs >= 0 && closes[0].inMs < 500);
  s.close();
});

test('a room known from its history (track) is resumed from there on a reconnect, and never moved back', async () => {
  const { s, timers, frames } = socket();
  s.connect();
  await flush();
  let ws = FakeSocket.last();
  ws.serverOpen();
  // the auth frame first: a socket authenticated by ?token= gets no auth_response otherwise
  assert.deepEqual(ws.sent[0], { type: 'auth', token: 'tok' });
  s.track('A', 4); // history loaded by REST, newest message seq 4
  ws.serverSend(msg('A', 5));
  s.track('A', 3); // an older page: no step back
  ws.serverClose(1006, '');
  await timers.fire(500);
  ws = FakeSocket.last();
  ws.serverOpen();
  assert.deepEqual(ws.sent[1], { type: 'resume', rooms: { A: 5 } });
  assert.deepEqual(frames.map((f) => f.seq), [5]);
  s.close();
});
