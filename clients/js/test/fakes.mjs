// Test doubles: a scripted fetch, a WebSocket the test drives, timers the test fires.
export function fakeFetch(handler) {
  const calls = [];
  const fn = async (url, init) => {
    const call = { url, method: init.method, headers: init.headers, body: init.body ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const r = await handler(call, calls.length);
    if (r instanceof Error) throw r;
    const { status = 200, body, headers = {} } = r;
    return new Response(body === undefined ? '' : JSON.stringify(body), { status, headers });
  };
  fn.calls = calls;
  return fn;
}

export class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    FakeSocket.all.push(this);
  }
  send(data) { this.sent.push(JSON.parse(data)); }
  close(code = 1000, reason = '') { this.serverClose(code, reason); }
  serverOpen() { this.readyState = 1; this.onopen?.({}); }
  serverSend(frame) { this.onmessage?.({ data: JSON.stringify(frame) }); }
  serverClose(code, reason = '') { this.readyState = 3; this.onclose?.({ code, reason }); }
  static last() { return FakeSocket.all[FakeSocket.all.length - 1]; }
  static reset() { FakeSocket.all = []; }
}

export function fakeTimers() {
  const pending = [];
  return {
    pending,
    setTimer: (fn, ms) => { const t = { fn, ms }; pending.push(t); return t; },
    clearTimer: (t) => { const i = pending.indexOf(t); if (i >= 0) pending.splice(i, 1); },
    /** Runs the timers of the given delay (the reconnects), not the pings. */
    async fire(ms) {
      const due = pending.filter((t) => t.ms === ms);
      due.forEach((t) => pending.splice(pending.indexOf(t), 1));
      due.forEach((t) => t.fn());
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

export const flush = () => new Promise((r) => setTimeout(r, 0));
