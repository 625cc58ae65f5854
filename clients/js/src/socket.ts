import { Emitter } from './emitter.js';
import type { ClientFrame, Message, ResumeCompleteFrame, ServerFrame } from './types.js';

/** What the socket needs of a WebSocket implementation (the browser's, or the `ws` package in Node). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: any) => void) | null;
  onmessage: ((ev: { data: any }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: any) => void) | null;
}
export type WebSocketFactory = new (url: string) => WebSocketLike;

export interface SocketOptions {
  /** The gateway's WebSocket URL, e.g. ws://localhost:8080/ws. */
  url: string;
  /** A current access token (the client refreshes it when it is about to expire). */
  token: () => Promise<string>;
  /** Called on close 4001 (token expired): a fresh access token, then the socket reconnects at once. */
  refreshToken?: () => Promise<string>;
  /** Called for a room whose missed frames the server no longer keeps (resume_complete recovered:false). */
  refetch?: (roomId: string) => Promise<Message[]>;
  WebSocket?: WebSocketFactory;
  /** Reconnect back-off: full jitter, random() × min(maxMs, initialMs × 2^attempt). */
  backoff?: { initialMs?: number; maxMs?: number };
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Keep-alive ping (the gateway closes a socket silent for 90 s). */
  pingEveryMs?: number;
}

export interface SocketEvents extends Record<string, unknown> {
  /** Every frame once (by event_id), a room's stream frames in seq order with nothing missing or repeated. */
  frame: ServerFrame;
  authenticated: { user_id: string | null };
  /** Frames of a room the server could no longer replay: the room's latest messages, refetched by REST. */
  gap: { room_id: string; from_seq: number | null; to_seq: number | null; reason: string | null; messages: Message[] };
  /** The socket closed; willRetry says whether it reconnects, and in how long. */
  closed: { code: number; reason: string; willRetry: boolean; inMs: number | null };
  /** An error frame: a frame of this client was refused (the socket stays open). */
  refused: ServerFrame;
}

const OPEN = 1;
const SEEN_LIMIT = 10_000;

/**
 * Parley's WebSocket, as an app needs it: reconnects with exponential back-off and jitter (never after an
 * authentication failure; at once after 1001 "going away" and 1013 "try again later"; after a fresh token on 4001),
 * resumes every room it has seen from the last seq it delivered, delivers each event once (event_id) and each room's
 * stream in seq order, and reports as a `gap` what the server could not replay, with the room's messages refetched.
 */
export class ParleySocket extends Emitter<SocketEvents> {
  private ws: WebSocketLike | null = null;
  private attempt = 0;
  private stopped = false;
  private timer: unknown = null;
  private pinger: unknown = null;
  private readonly seen = new Map<string, true>();
  private readonly lastSeq = new Map<string, number>();
  private resuming = false;
  private held: ServerFrame[] = [];
  private readonly opts: Required<Pick<SocketOptions, 'random' | 'setTimer' | 'clearTimer' | 'pingEveryMs'>>
      & SocketOptions;

  constructor(options: SocketOptions) {
    super();
    // an option given as undefined keeps its default
    this.opts = {
      ...options,
      random: options.random ?? Math.random,
      setTimer: options.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
      clearTimer: options.clearTimer ?? ((h) => clearTimeout(h as any)),
      pingEveryMs: options.pingEveryMs ?? 30_000,
    };
  }

  /** The last seq delivered per room: what a resume asks for. */
  positions(): Record<string, number> {
    return Object.fromEntries(this.lastSeq);
  }

  /**
   * Records that a room's stream is known up to seq (e.g. from its history loaded by REST), so that a reconnect
   * resumes the room from there even before a live frame of it arrived.
   */
  track(roomId: string, seq: number): void {
    if (seq > (this.lastSeq.get(roomId) ?? 0)) this.lastSeq.set(roomId, seq);
  }

  connect(): this {
    this.stopped = false;
    void this.open();
    return this;
  }

  /** Sends a client frame now (dropped while the socket is not open). */
  send(frame: ClientFrame): boolean {
    if (this.ws && this.ws.readyState === OPEN) {
      this.ws.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** A fresh access token for the open socket, before the old one expires (the socket stays open). */
  reauthenticate(token: string): boolean {
    return this.send({ type: 'auth', token });
  }

  close(): void {
    this.stopped = true;
    if (this.timer != null) this.opts.clearTimer(this.timer);
    if (this.pinger != null) this.opts.clearTimer(this.pinger);
    this.ws?.close(1000, 'client closed');
  }

  private async open(): Promise<void> {
    this.timer = null;
    let token: string;
    try {
      token = await this.opts.token();
    } catch {
      this.retry(0, 'no token', this.backoff());
      return;
    }
    if (this.stopped) return;
    const Impl = this.opts.WebSocket ?? (globalThis as any).WebSocket;
    const ws: WebSocketLike = new Impl(`${this.opts.url}?token=${encodeURIComponent(token)}`);
    this.ws = ws;
    ws.onopen = () => {
      // the handshake's ?token= authenticates silently: the auth frame gets the auth_response that says so (and
      // releases the frames the server holds until the socket's first frame)
      ws.send(JSON.stringify({ type: 'auth', token }));
      if (this.lastSeq.size > 0) {
        // missed while away: every room seen, from the last seq delivered; live frames wait behind the replay
        this.resuming = true;
        ws.send(JSON.stringify({ type: 'resume', rooms: this.positions() }));
      }
      this.schedulePing();
    };
    ws.onmessage = (ev) => this.onText(typeof ev.data === 'string' ? ev.data : String(ev.data));
    ws.onclose = (ev) => this.onClose(ws, ev.code, ev.reason ?? '');
    ws.onerror = () => { /* onclose follows */ };
  }

  private schedulePing(): void {
    if (this.pinger != null) this.opts.clearTimer(this.pinger);
    this.pinger = this.opts.setTimer(() => {
      if (this.send({ type: 'ping' })) this.schedulePing();
    }, this.opts.pingEveryMs);
  }

  private onText(text: string): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    switch (frame.type) {
      case 'auth_response':
        if (frame.success) {
          this.attempt = 0;
          this.emit('authenticated', { user_id: (frame.user_id as string) ?? null });
        }
        return;
      case 'pong':
        return;
      case 'error':
        this.emit('refused', frame);
        return;
      case 'resume_complete':
        void this.resumed(frame as ResumeCompleteFrame);
        return;
      default:
        if (this.resuming && frame.seq != null) {
          this.held.push(frame);
        } else {
          this.deliver(frame);
        }
    }
  }

  private deliver(frame: ServerFrame): void {
    if (frame.event_id && this.seen.has(frame.event_id)) return;
    if (frame.seq != null && frame.room_id) {
      const last = this.lastSeq.get(frame.room_id);
      if (last != null && frame.seq <= last) return; // delivered already
      if (last != null && frame.seq > last + 1 && !this.resuming) {
        // a live frame after a hole: ask for what is missing, hold this one until the replay is done
        this.resuming = true;
        this.held.push(frame);
        this.send({ type: 'resume', rooms: { [frame.room_id]: last } });
        return;
      }
      this.lastSeq.set(frame.room_id, frame.seq);
    }
    if (frame.event_id) {
      this.seen.set(frame.event_id, true);
      if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.keys().next().value as string);
    }
    this.emit('frame', frame);
  }

  private async resumed(frame: ResumeCompleteFrame): Promise<void> {
    for (const [roomId, result] of Object.entries(frame.rooms ?? {})) {
      if (!result.recovered) {
        const messages = this.opts.refetch ? await this.opts.refetch(roomId).catch(() => []) : [];
        const latest = messages.reduce((m, x) => Math.max(m, x.seq ?? 0), 0);
        const to = result.to_seq ?? (latest || null);
        if (to != null) this.lastSeq.set(roomId, Math.max(this.lastSeq.get(roomId) ?? 0, to));
        this.emit('gap', { room_id: roomId, from_seq: result.from_seq ?? null, to_seq: to,
          reason: result.reason ?? null, messages });
      }
    }
    this.resuming = false;
    const held = this.held.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    this.held = [];
    held.forEach((f) => this.deliver(f));
  }

  private backoff(): number {
    const initial = this.opts.backoff?.initialMs ?? 500;
    const max = this.opts.backoff?.maxMs ?? 30_000;
    const ceiling = Math.min(max, initial * 2 ** this.attempt);
    this.attempt++;
    return Math.floor(this.opts.random() * ceiling);
  }

  private onClose(ws: WebSocketLike, code: number, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = null;
    if (this.pinger != null) this.opts.clearTimer(this.pinger);
    this.resuming = false;
    this.held = [];
    if (this.stopped) {
      this.emit('closed', { code, reason, willRetry: false, inMs: null });
      return;
    }
    if (code === 1008 && /auth|session|credential/i.test(reason)) {
      // the token or the session is refused: reconnecting with it cannot help (log in again)
      this.stopped = true;
      this.emit('closed', { code, reason, willRetry: false, inMs: null });
      return;
    }
    if (code === 4001 && this.opts.refreshToken) {
      // the access token expired: a fresh one, then at once
      this.opts.refreshToken().then(() => this.retry(code, reason, 0), () => this.retry(code, reason, this.backoff()));
      return;
    }
    if ((code === 1001 || code === 1013) && this.attempt === 0) {
      this.attempt++;
      this.retry(code, reason, 0); // a gateway going away, or one that was too slow for us: another one, now
      return;
    }
    this.retry(code, reason, this.backoff());
  }

  private retry(code: number, reason: string, inMs: number): void {
    this.emit('closed', { code, reason, willRetry: true, inMs });
    this.timer = this.opts.setTimer(() => void this.open(), inMs);
  }
}
