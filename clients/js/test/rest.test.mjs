import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyClient, ApiError } from '../dist/index.js';
import { fakeFetch } from './fakes.mjs';

const session = (token, minutes = 15) => ({ token, token_type: 'Bearer', expires_in: minutes * 60,
  expires_at: new Date(Date.now() + minutes * 60_000).toISOString(), refresh_token: 'r-' + token,
  user: { id: 'u1', username: 'ann' } });

test('a result is the envelope\'s data, an error an ApiError with its code, field details and Retry-After', async () => {
  const fetch = fakeFetch((call) => call.url.endsWith('/rooms')
    ? { status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: 'Invalid input',
        details: [{ field: 'name', message: 'Name is required' }] } } }
    : call.url.endsWith('/auth/login') ? { body: { success: true, message: 'ok', data: session('t1') } }
    : { status: 429, headers: { 'Retry-After': '7' }, body: { success: false, error: { code: 'RATE_LIMITED',
        message: 'Too many' } } });
  const client = new ParleyClient({ baseUrl: 'http://gw', fetch });
  const s = await client.login('ann', 'pw');
  assert.equal(s.token, 't1');
  assert.equal(fetch.calls[0].headers.Authorization, undefined);
  await assert.rejects(client.createRoom({ name: '' }), (e) => e instanceof ApiError && e.status === 400
    && e.code === 'VALIDATION_ERROR' && e.fieldError('name') === 'Name is required' && !e.retryable);
  await assert.rejects(client.call('GET', '/other'), (e) => e.status === 429 && e.retryAfterSeconds === 7 && e.retryable);
  assert.equal(fetch.calls[1].headers.Authorization, 'Bearer t1');
  client.close();
});

test('a send is retried with the same client_message_id after a network error and a 503, not after a 400', async () => {
  let n = 0;
  const fetch = fakeFetch((call) => {
    if (call.url.endsWith('/auth/login')) return { body: { success: true, data: session('t1') } };
    n++;
    if (n === 1) return new TypeError('fetch failed');
    if (n === 2) return { status: 503, headers: { 'Retry-After': '1' }, body: { success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'later' } } };
    return { status: 201, body: { success: true, data: { id: 'm1', content: call.body.content } } };
  });
  const waits = [];
  const client = new ParleyClient({ baseUrl: 'http://gw', fetch, sleep: async (ms) => { waits.push(ms); },
    random: () => 0.5 });
  await client.login('ann', 'pw');
  const m = await client.sendMessage('room-1', 'hello');
  assert.equal(m.id, 'm1');
  const sends = fetch.calls.filter((c) => c.url.endsWith('/messages'));
  assert.equal(sends.length, 3);
  assert.ok(sends[0].body.client_message_id);
  assert.ok(sends.every((c) => c.body.client_message_id === sends[0].body.client_message_id));
  assert.deepEqual(waits, [250, 1000]); // jittered back-off (0.5 × 500 ms), then the Retry-After

  const refused = fakeFetch((call) => call.url.endsWith('/auth/login')
    ? { body: { success: true, data: session('t2') } }
    : { status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message: 'bad', details: [] } } });
  const c2 = new ParleyClient({ baseUrl: 'http://gw', fetch: refused, sleep: async () => {} });
  await c2.login('ann', 'pw');
  await assert.rejects(c2.sendMessage('room-1', ''), (e) => e.code === 'VALIDATION_ERROR');
  assert.equal(refused.calls.filter((c) => c.url.endsWith('/messages')).length, 1);
  client.close();
  c2.close();
});

test('an access token about to expire is refreshed first, with the refresh token, which rotates', async () => {
  let refreshes = 0;
  const fetch = fakeFetch((call) => {
    if (call.url.endsWith('/auth/login')) return { body: { success: true, data: session('t1', 0.5) } };
    if (call.url.endsWith('/auth/refresh')) {
      refreshes++;
      return { body: { success: true, data: session('t' + (refreshes + 1)) } };
    }
    return { body: { success: true, data: { auth: call.headers.Authorization } } };
  });
  const client = new ParleyClient({ baseUrl: 'http://gw', fetch });
  await client.login('ann', 'pw');
  assert.equal(await client.accessToken(), 't2'); // 30 s left < 60 s: refreshed
  const refresh = fetch.calls.find((c) => c.url.endsWith('/auth/refresh'));
  assert.equal(refresh.headers.Authorization, 'Bearer r-t1');
  assert.equal(client.current.refresh_token, 'r-t2');
  assert.equal(await client.accessToken(), 't2'); // fresh now: no second refresh
  assert.equal(refreshes, 1);
  client.close();
});

test('a history page is the envelope\'s data.messages (oldest first), the cursor form says whether more are before', async () => {
  const m = (id, seq) => ({ id, room_id: 'r1', seq, content: id });
  const fetch = fakeFetch((call) => call.url.endsWith('/auth/login') ? { body: { success: true, data: session('t1') } }
    : call.url.includes('before=m2') ? { body: { success: true, data: { messages: [m('m1', 1)], has_more: false } } }
    : { body: { success: true, data: { messages: [m('m2', 2), m('m3', 3)] },
        pagination: { page: 1, limit: 2, total: 3, has_next: true } } });
  const client = new ParleyClient({ baseUrl: 'http://gw', fetch });
  await client.login('ann', 'pw');
  const page = await client.messages('r1', 1, 2);
  assert.deepEqual(page.items.map((x) => x.id), ['m2', 'm3']);
  assert.equal(page.pagination.total, 3);
  const older = await client.messagesBefore('r1', 'm2', 2);
  assert.deepEqual(older.items.map((x) => x.id), ['m1']);
  assert.equal(older.hasMore, false);
  await client.markRead('r1', 'm3');
  assert.deepEqual(fetch.calls.at(-1).body, { message_id: 'm3' });
  assert.ok(fetch.calls.at(-1).url.endsWith('/rooms/r1/read'));
  client.close();
});

test('lists are unwrapped from their envelope key: my chats and public rooms (rooms), members, users', async () => {
  const fetch = fakeFetch((call) => call.url.endsWith('/auth/login') ? { body: { success: true, data: session('t1') } }
    : call.url.includes('/members') ? { body: { success: true, data: { members: [{ user_id: 'u2', role: 'owner' }] } } }
    : call.url.includes('/users?') ? { body: { success: true, data: { users: [{ id: 'u3' }] } } }
    : { body: { success: true, data: { rooms: [{ id: 'r1', unread_count: 2 }] } } });
  const client = new ParleyClient({ baseUrl: 'http://gw', fetch });
  await client.login('ann', 'pw');
  assert.deepEqual((await client.myChats()).map((r) => r.unread_count), [2]);
  assert.ok(fetch.calls.at(-1).url.includes('/rooms/my-chats?'));
  assert.deepEqual((await client.publicRooms('gen')).map((r) => r.id), ['r1']);
  assert.ok(fetch.calls.at(-1).url.endsWith('/rooms?limit=50&search=gen'));
  assert.deepEqual((await client.members('r1')).map((m) => m.role), ['owner']);
  assert.deepEqual((await client.searchUsers('bo')).map((u) => u.id), ['u3']);
  client.close();
});
