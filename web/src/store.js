// The app's state and everything that changes it: REST results and the socket's frames. Components read it with
// useStore() and call its actions; nothing else talks to the client. The socket (ParleySocket) already delivers each
// event once and each room's stream in seq order, so the store only merges.
import { ParleyClient } from '../../clients/js/src/index.ts';

const SESSION_KEY = 'parley.session';
const TYPING_TTL_MS = 6000;

/** Where the API is: the page's own origin (the gateway serves the app), or ?api=http://host:port in development. */
function baseUrl() {
  const fromQuery = new URLSearchParams(location.search).get('api');
  return fromQuery || location.origin;
}

export const byTime = (a, b) => (a.seq != null && b.seq != null ? a.seq - b.seq
  : Date.parse(a.created_at) - Date.parse(b.created_at) || (a.id < b.id ? -1 : 1));

export function displayName(user) {
  return user?.display_name || user?.username || 'someone';
}

/** The room's last message: the newer of the two (by seq, else by time), so that a late answer does not go back. */
function latest(current, candidate) {
  if (!current || current.id === candidate.id) return candidate;
  const newer = candidate.seq != null && current.seq != null ? candidate.seq > current.seq
    : Date.parse(candidate.created_at) >= Date.parse(current.created_at);
  return newer ? candidate : current;
}

export class Store {
  constructor() {
    this.client = new ParleyClient({ baseUrl: baseUrl() });
    this.listeners = new Set();
    this.state = {
      me: null,
      connection: 'offline', // offline | connecting | online
      rooms: {}, // id → Room, with unread_count and last_message
      openRoomId: null,
      history: {}, // room id → { messages: Message[], hasOlder, loading, firstUnreadId }
      members: {}, // room id → Member[]
      presence: {}, // user id → status
      typing: {}, // room id → { user id → { name, until } }
      toasts: [], // { id, text, roomId }
      error: null,
    };
    this.typingTimer = setInterval(() => this.expireTyping(), 1000);
    // ids of messages deleted while this page is open: an answer or a page that arrives after the deletion (a send's
    // REST answer, a history page) does not bring them back, in the room or as its last message
    this.deleted = new Set();
  }

  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  set(change) {
    this.state = { ...this.state, ...(typeof change === 'function' ? change(this.state) : change) };
    this.listeners.forEach((fn) => fn(this.state));
  }

  fail(e) {
    this.set({ error: e?.message ?? String(e) });
    return null;
  }

  // ---- session

  async start() {
    const kept = sessionStorage.getItem(SESSION_KEY);
    if (!kept) return;
    try {
      const session = JSON.parse(kept);
      this.client.restore(session);
      await this.client.accessToken(); // refreshes a kept token that is about to expire
      await this.signedIn();
    } catch {
      sessionStorage.removeItem(SESSION_KEY);
      this.client.close();
    }
  }

  async register(input) {
    await this.client.register(input);
    await this.login(input.username, input.password);
  }

  async login(username, password) {
    await this.client.login(username, password);
    await this.signedIn();
  }

  async logout() {
    await this.client.logout().catch(() => {});
    sessionStorage.removeItem(SESSION_KEY);
    location.hash = '';
    this.set({ me: null, rooms: {}, openRoomId: null, history: {}, members: {}, typing: {}, toasts: [],
      connection: 'offline' });
  }

  keepSession() {
    if (this.client.current) sessionStorage.setItem(SESSION_KEY, JSON.stringify(this.client.current));
  }

  async signedIn() {
    this.keepSession();
    const me = await this.client.me();
    this.set({ me, presence: { ...this.state.presence, [me.id]: 'online' } });
    await this.loadChats();
    const socket = this.client.connect();
    this.set({ connection: 'connecting' });
    socket.on('authenticated', () => {
      this.keepSession(); // tokens rotate; a reload takes up the newest
      this.set({ connection: 'online' });
    });
    socket.on('closed', (c) => this.set({ connection: c.willRetry ? 'connecting' : 'offline' }));
    socket.on('frame', (f) => this.onFrame(f));
    socket.on('gap', (g) => this.merge(g.room_id, g.messages));
    socket.on('refused', (f) => this.set({ error: f.message ?? f.error_code }));
    const fromHash = decodeURIComponent(location.hash.replace(/^#\/room\//, ''));
    if (fromHash && this.state.rooms[fromHash]) this.openRoom(fromHash);
  }

  // ---- the chat list

  async loadChats() {
    const rooms = await this.client.myChats();
    this.set({ rooms: Object.fromEntries(rooms.map((r) => [r.id, r])) });
  }

  sortedRooms() {
    const at = (r) => Date.parse(r.last_message?.created_at ?? r.updated_at ?? r.created_at) || 0;
    return Object.values(this.state.rooms).sort((a, b) => at(b) - at(a));
  }

  patchRoom(roomId, patch) {
    const room = this.state.rooms[roomId];
    if (room) this.set({ rooms: { ...this.state.rooms, [roomId]: { ...room, ...patch(room) } } });
  }

  async createRoom(input) {
    const room = await this.client.createRoom(input);
    await this.loadChats();
    this.openRoom(room.id);
    return room;
  }

  async directChat(userId) {
    const room = await this.client.directRoom(userId);
    await this.loadChats();
    this.openRoom(room.id);
    return room;
  }

  async join(roomId) {
    await this.client.joinRoom(roomId);
    await this.loadChats();
    this.openRoom(roomId);
  }

  async leave(roomId) {
    await this.client.leaveRoom(roomId);
    this.dropRoom(roomId);
  }

  publicRooms(search) {
    return this.client.publicRooms(search);
  }

  searchUsers(search) {
    return this.client.searchUsers(search);
  }

  dropRoom(roomId) {
    const { [roomId]: _gone, ...rooms } = this.state.rooms;
    this.set({ rooms, openRoomId: this.state.openRoomId === roomId ? null : this.state.openRoomId });
    if (location.hash === `#/room/${roomId}`) location.hash = '';
  }

  // ---- a room

  async openRoom(roomId) {
    if (location.hash !== `#/room/${roomId}`) location.hash = `/room/${roomId}`;
    const unread = this.state.rooms[roomId]?.unread_count ?? 0;
    this.set({ openRoomId: roomId });
    const known = this.state.history[roomId];
    if (known) {
      // messages that came while the room was closed are in its list already: the divider goes before them
      const first = unread > 0 ? known.messages[Math.max(0, known.messages.length - unread)] : null;
      this.setHistory(roomId, { firstUnreadId: first?.id ?? null });
    } else {
      this.setHistory(roomId, { messages: [], hasOlder: false, loading: true, firstUnreadId: null });
      try {
        const page = await this.client.messages(roomId, 1, 30);
        const messages = page.items.slice().sort(byTime);
        const firstUnread = unread > 0 ? messages[Math.max(0, messages.length - unread)] : null;
        this.setHistory(roomId, { loading: false, hasOlder: page.pagination?.has_next ?? false,
          firstUnreadId: firstUnread?.id ?? null });
        this.merge(roomId, messages);
      } catch (e) {
        this.setHistory(roomId, { loading: false });
        this.fail(e);
      }
    }
    this.loadMembers(roomId);
    this.markRead(roomId);
  }

  closeRoom() {
    location.hash = '';
    this.set({ openRoomId: null });
  }

  setHistory(roomId, patch) {
    const h = this.state.history[roomId] ?? { messages: [], hasOlder: false, loading: false, firstUnreadId: null };
    this.set({ history: { ...this.state.history, [roomId]: { ...h, ...patch } } });
  }

  /** Adds or replaces messages by id and keeps the room's list in order; the socket learns the newest seq. */
  merge(roomId, incoming) {
    incoming = incoming?.filter((m) => !this.deleted.has(m.id));
    if (!incoming?.length) return;
    const h = this.state.history[roomId];
    if (!h) return;
    const byId = new Map(h.messages.map((m) => [m.id, m]));
    incoming.forEach((m) => byId.set(m.id, { ...byId.get(m.id), ...m }));
    this.setHistory(roomId, { messages: [...byId.values()].sort(byTime) });
    const newest = incoming.reduce((n, m) => Math.max(n, m.seq ?? 0), 0);
    if (newest) this.client.connect().track(roomId, newest);
  }

  updateMessage(roomId, messageId, patch) {
    const h = this.state.history[roomId];
    if (!h) return;
    this.setHistory(roomId, { messages: h.messages.map((m) => (m.id === messageId ? { ...m, ...patch(m) } : m)) });
  }

  async loadOlder(roomId) {
    const h = this.state.history[roomId];
    if (!h || h.loading || !h.messages.length) return;
    this.setHistory(roomId, { loading: true });
    try {
      const older = await this.client.messagesBefore(roomId, h.messages[0].id, 30);
      this.setHistory(roomId, { loading: false, hasOlder: older.hasMore });
      this.merge(roomId, older.items);
    } catch (e) {
      this.setHistory(roomId, { loading: false });
      this.fail(e);
    }
  }

  async loadMembers(roomId) {
    try {
      const list = await this.client.members(roomId);
      const presence = { ...this.state.presence };
      list.forEach((m) => { if (m.user?.status && !(m.user_id in this.state.presence)) presence[m.user_id] = m.user.status; });
      this.set({ members: { ...this.state.members, [roomId]: list }, presence });
    } catch {
      // the member list is a nicety: the room works without it
    }
  }

  myRole(roomId) {
    return (this.state.members[roomId] ?? []).find((m) => m.user_id === this.state.me?.id)?.role ?? 'member';
  }

  /** Moves the read position to the room's newest message while the room is open and the page visible. */
  markRead(roomId) {
    const h = this.state.history[roomId];
    const last = h?.messages[h.messages.length - 1];
    if (!last || document.visibilityState === 'hidden') return;
    this.patchRoom(roomId, () => ({ unread_count: 0 }));
    this.client.markRead(roomId, last.id).catch(() => {});
  }

  async send(roomId, content, { replyTo, attachments } = {}) {
    this.stopTyping(roomId);
    const message = await this.client.sendMessage(roomId, content, {
      replyTo: replyTo ?? undefined,
      attachments: attachments?.length ? attachments : undefined,
    });
    this.merge(roomId, [message]);
    if (!this.deleted.has(message.id)) {
      this.patchRoom(roomId, (r) => ({ last_message: latest(r.last_message, message) }));
    }
    return message;
  }

  edit(messageId, content) {
    return this.client.editMessage(messageId, content);
  }

  remove(messageId) {
    return this.client.deleteMessage(messageId);
  }

  toggleReaction(message, emoji) {
    const mine = message.reactions?.find((r) => r.emoji === emoji)?.user_reacted;
    return mine ? this.client.unreact(message.id, emoji) : this.client.react(message.id, emoji);
  }

  upload(file, onProgress) {
    return this.client.upload(file, onProgress);
  }

  download(url) {
    return this.client.download(url);
  }

  // ---- typing: frames on the socket, at most one start per 3 s while typing, a stop when done

  typing(roomId) {
    const now = Date.now();
    if (!this.typingSent || this.typingSent.roomId !== roomId || now - this.typingSent.at > 3000) {
      this.client.connect().send({ type: 'typing_start', room_id: roomId });
      this.typingSent = { roomId, at: now };
    }
    clearTimeout(this.typingIdle);
    this.typingIdle = setTimeout(() => this.stopTyping(roomId), 4000);
  }

  stopTyping(roomId) {
    clearTimeout(this.typingIdle);
    if (this.typingSent?.roomId === roomId) {
      this.client.connect().send({ type: 'typing_stop', room_id: roomId });
      this.typingSent = null;
    }
  }

  setTyping(roomId, userId, entry) {
    const room = { ...(this.state.typing[roomId] ?? {}) };
    if (entry) room[userId] = entry; else delete room[userId];
    this.set({ typing: { ...this.state.typing, [roomId]: room } });
  }

  expireTyping() {
    const now = Date.now();
    for (const [roomId, users] of Object.entries(this.state.typing)) {
      for (const [userId, t] of Object.entries(users)) if (t.until < now) this.setTyping(roomId, userId, null);
    }
  }

  // ---- notifications

  toast(text, roomId) {
    const id = Math.random().toString(36).slice(2);
    this.set({ toasts: [...this.state.toasts, { id, text, roomId }] });
    setTimeout(() => this.dismiss(id), 8000);
  }

  dismiss(id) {
    this.set({ toasts: this.state.toasts.filter((t) => t.id !== id) });
  }

  // ---- the socket's frames

  onFrame(f) {
    const me = this.state.me?.id;
    switch (f.type) {
      case 'message': {
        const m = f.message;
        if (!this.state.rooms[f.room_id]) {
          this.loadChats().catch(() => {}); // a room this user was just added to (e.g. a direct chat)
          return;
        }
        this.merge(f.room_id, [m]);
        this.setTyping(f.room_id, m.user_id, null);
        const open = this.state.openRoomId === f.room_id && document.visibilityState !== 'hidden';
        this.patchRoom(f.room_id, (r) => ({ last_message: latest(r.last_message, m),
          unread_count: m.user_id === me || open ? r.unread_count ?? 0 : (r.unread_count ?? 0) + 1 }));
        if (open && m.user_id !== me) this.markRead(f.room_id);
        return;
      }
      case 'message_edit':
        this.updateMessage(f.room_id, f.message_id, () => ({ content: f.content, edited_at: f.edited_at }));
        this.patchRoom(f.room_id, (r) => (r.last_message?.id === f.message_id
          ? { last_message: { ...r.last_message, content: f.content } } : {}));
        return;
      case 'message_delete': {
        this.deleted.add(f.message_id);
        const h = this.state.history[f.room_id];
        const rest = h ? h.messages.filter((m) => m.id !== f.message_id) : null;
        if (h) this.setHistory(f.room_id, { messages: rest });
        if (this.state.rooms[f.room_id]?.last_message?.id === f.message_id) {
          // the one before it, where the room's history is here; the chat list's own answer otherwise
          if (rest) this.patchRoom(f.room_id, () => ({ last_message: rest[rest.length - 1] ?? null }));
          else this.loadChats().catch(() => {});
        }
        return;
      }
      case 'message_reaction':
        this.updateMessage(f.room_id, f.message_id, (m) => {
          const reactions = (m.reactions ?? []).map((r) => ({ ...r, users: [...(r.users ?? [])] }));
          let r = reactions.find((x) => x.emoji === f.emoji);
          if (!r) reactions.push((r = { emoji: f.emoji, count: 0, users: [], user_reacted: false }));
          if (f.action === 'add' && !r.users.includes(f.user_id)) r.users.push(f.user_id);
          if (f.action === 'remove') r.users = r.users.filter((u) => u !== f.user_id);
          r.count = f.reaction_count ?? r.users.length;
          if (f.user_id === me) r.user_reacted = f.action === 'add';
          return { reactions: reactions.filter((x) => x.count > 0) };
        });
        return;
      case 'typing_start':
        if (f.user_id !== me) this.setTyping(f.room_id, f.user_id, { name: displayName(f.user), until: Date.now() + TYPING_TTL_MS });
        return;
      case 'typing_stop':
        this.setTyping(f.room_id, f.user_id, null);
        return;
      case 'user_join':
        if (f.user_id === me) this.loadChats().catch(() => {});
        else if (this.state.members[f.room_id]) this.loadMembers(f.room_id);
        this.patchRoom(f.room_id, (r) => ({ member_count: (r.member_count ?? 0) + (f.user_id === me ? 0 : 1) }));
        return;
      case 'user_leave':
        if (f.user_id === me) this.dropRoom(f.room_id);
        else if (this.state.members[f.room_id]) this.loadMembers(f.room_id);
        return;
      case 'room_update':
        this.patchRoom(f.room_id, () => ({ ...(f.changes ?? {}) }));
        return;
      case 'room_delete':
        this.dropRoom(f.room_id);
        return;
      case 'user_status_change':
        this.set({ presence: { ...this.state.presence, [f.user_id]: f.status } });
        return;
      case 'user_profile_update':
        for (const [roomId, list] of Object.entries(this.state.members)) {
          if (list.some((m) => m.user_id === f.user_id)) {
            this.set({ members: { ...this.state.members, [roomId]: list.map((m) => (m.user_id === f.user_id
              ? { ...m, user: { ...m.user, ...f.changes } } : m)) } });
          }
        }
        return;
      case 'notification': {
        const roomId = f.data?.room_id ?? null;
        this.toast(f.notification_type === 'mention' ? f.message ?? f.title : f.title ?? f.message, roomId);
        return;
      }
      default:
    }
  }
}

export const store = new Store();
