// Parley's reference web app: the screens, on the store (store.js), which holds the state and talks to the client.
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../../clients/js/src/index.ts';
import { displayName, store } from './store.js';

const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉'];

function useStore() {
  const [state, setState] = useState(store.state);
  useEffect(() => store.subscribe(setState), []);
  return state;
}

/** Runs an action, showing its error (a field's own message where the API names the field). */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const run = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(e instanceof ApiError && e.details?.length
        ? e.details.map((d) => `${d.field}: ${d.message}`).join('; ') : e?.message ?? String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

const time = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : '');

// ---- signing in

function SignIn() {
  const [mode, setMode] = useState('login');
  const [form, setForm] = useState({ username: '', email: '', password: '', display_name: '' });
  const { busy, error, run } = useAction();
  const field = (name) => ({ id: `signin-${name}`, name, value: form[name],
    onInput: (e) => setForm({ ...form, [name]: e.currentTarget.value }) });
  const submit = (e) => {
    e.preventDefault();
    run(() => (mode === 'login' ? store.login(form.username, form.password)
      : store.register({ username: form.username, email: form.email || `${form.username}@example.com`,
        password: form.password, display_name: form.display_name || undefined })));
  };
  return (
    <main class="signin">
      <h1>Parley</h1>
      <div role="tablist" class="tabs">
        <button role="tab" aria-selected={mode === 'login'} id="tab-login" onClick={() => setMode('login')}>Log in</button>
        <button role="tab" aria-selected={mode === 'register'} id="tab-register" onClick={() => setMode('register')}>Register</button>
      </div>
      <form onSubmit={submit} aria-label={mode === 'login' ? 'Log in' : 'Register'}>
        <label for="signin-username">Username</label>
        <input {...field('username')} autocomplete="username" required minLength={3} />
        {mode === 'register' && <>
          <label for="signin-email">Email</label>
          <input {...field('email')} type="email" autocomplete="email" />
          <label for="signin-display_name">Display name</label>
          <input {...field('display_name')} autocomplete="name" />
        </>}
        <label for="signin-password">Password</label>
        <input {...field('password')} type="password" required minLength={8}
          autocomplete={mode === 'login' ? 'current-password' : 'new-password'} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" id="signin-submit" disabled={busy}>{mode === 'login' ? 'Log in' : 'Create account'}</button>
      </form>
    </main>
  );
}

// ---- the chat list

function Presence({ userId }) {
  const { presence } = useStore();
  const status = presence[userId] ?? 'offline';
  return <span class={`presence presence-${status}`} data-status={status} role="img" aria-label={status} title={status} />;
}

function ChatList() {
  const state = useStore();
  const rooms = store.sortedRooms();
  const [dialog, setDialog] = useState(null);
  return (
    <nav class="sidebar" aria-label="Chats">
      <header class="sidebar-head">
        <span class="me" id="me" data-user-id={state.me.id}>
          <Presence userId={state.me.id} /> {displayName(state.me)}
        </span>
        <button class="link" onClick={() => store.logout()}>Log out</button>
      </header>
      <div class="actions">
        <button id="new-room" onClick={() => setDialog('room')}>New room</button>
        <button id="new-direct" onClick={() => setDialog('direct')}>Direct chat</button>
        <button id="browse-rooms" onClick={() => setDialog('public')}>Public rooms</button>
      </div>
      <ul class="chat-list" id="chat-list">
        {rooms.length === 0 && <li class="empty">No chats yet: create a room or join a public one.</li>}
        {rooms.map((r) => (
          <li key={r.id}>
            <button class={`chat-item${state.openRoomId === r.id ? ' active' : ''}`} data-room-id={r.id}
              aria-current={state.openRoomId === r.id ? 'page' : undefined} onClick={() => store.openRoom(r.id)}>
              <span class="chat-name">{r.name || 'Direct chat'}</span>
              {r.unread_count > 0 && <span class="unread" aria-label={`${r.unread_count} unread`}>{r.unread_count}</span>}
              <span class="chat-last">{r.last_message ? `${displayName(r.last_message.user)}: ${r.last_message.content}` : 'No messages yet'}</span>
            </button>
          </li>
        ))}
      </ul>
      {dialog === 'room' && <CreateRoom onClose={() => setDialog(null)} />}
      {dialog === 'direct' && <DirectChat onClose={() => setDialog(null)} />}
      {dialog === 'public' && <PublicRooms onClose={() => setDialog(null)} />}
    </nav>
  );
}

function Dialog({ title, onClose, children }) {
  const ref = useRef(null);
  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  return (
    <dialog ref={ref} class="dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <h2>{title}</h2>
      {children}
      <button class="link close" onClick={onClose}>Close</button>
    </dialog>
  );
}

function CreateRoom({ onClose }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [isPublic, setPublic] = useState(true);
  const { busy, error, run } = useAction();
  const submit = (e) => {
    e.preventDefault();
    run(async () => {
      await store.createRoom({ name, description: description || undefined, type: isPublic ? 'public' : 'group',
        is_public: isPublic });
      onClose();
    });
  };
  return (
    <Dialog title="New room" onClose={onClose}>
      <form onSubmit={submit}>
        <label for="room-name">Name</label>
        <input id="room-name" value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={100} />
        <label for="room-description">Description</label>
        <input id="room-description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        <label class="check"><input type="checkbox" id="room-public" checked={isPublic}
          onChange={(e) => setPublic(e.currentTarget.checked)} /> Public (anyone may find and join it)</label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" id="create-room" disabled={busy}>Create</button>
      </form>
    </Dialog>
  );
}

function DirectChat({ onClose }) {
  const [query, setQuery] = useState('');
  const [users, setUsers] = useState([]);
  const { error, run } = useAction();
  const me = store.state.me.id;
  const search = (e) => {
    e.preventDefault();
    run(async () => setUsers((await store.searchUsers(query)).filter((u) => u.id !== me)));
  };
  return (
    <Dialog title="Direct chat" onClose={onClose}>
      <form onSubmit={search} role="search">
        <label for="user-search">Find a user</label>
        <input id="user-search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} required />
        <button type="submit" id="user-search-go">Search</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <ul class="pick-list">
        {users.map((u) => (
          <li key={u.id}>
            <button class="user-result" data-user-id={u.id}
              onClick={() => run(async () => { await store.directChat(u.id); onClose(); })}>
              <Presence userId={u.id} /> {displayName(u)} <span class="muted">@{u.username}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

function PublicRooms({ onClose }) {
  const [query, setQuery] = useState('');
  const [rooms, setRooms] = useState(null);
  const { error, run } = useAction();
  const search = (e) => {
    e?.preventDefault();
    run(async () => setRooms(await store.publicRooms(query)));
  };
  useEffect(() => { search(); }, []);
  const mine = store.state.rooms;
  return (
    <Dialog title="Public rooms" onClose={onClose}>
      <form onSubmit={search} role="search">
        <label for="room-search">Search rooms</label>
        <input id="room-search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="submit" id="room-search-go">Search</button>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      <ul class="pick-list">
        {rooms?.length === 0 && <li class="empty">No public rooms match.</li>}
        {rooms?.map((r) => (
          <li key={r.id} class="public-room" data-room-id={r.id}>
            <span>{r.name} <span class="muted">{r.member_count ?? 0} members</span></span>
            {mine[r.id] ? <button onClick={() => { store.openRoom(r.id); onClose(); }}>Open</button>
              : <button class="join" onClick={() => run(async () => { await store.join(r.id); onClose(); })}>Join</button>}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

// ---- a room

function Attachment({ file }) {
  const open = async () => {
    try {
      const blob = await store.download(file.url || `/api/v1/files/${file.id}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      store.fail(e);
    }
  };
  return <button class="attachment link" onClick={open}>📎 {file.filename}{file.size ? ` (${Math.ceil(file.size / 1024)} KiB)` : ''}</button>;
}

function MessageItem({ m, room, onReply, replied }) {
  const me = store.state.me;
  const mine = m.user_id === me.id;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.content);
  const { error, run } = useAction();
  const role = store.myRole(room.id);
  const mayDelete = mine || role === 'owner' || role === 'admin';
  const mentioned = new RegExp(`(^|\\s)@${me.username}\\b`, 'i').test(m.content);
  const save = (e) => {
    e.preventDefault();
    run(async () => { await store.edit(m.id, text); setEditing(false); });
  };
  return (
    <li class={`message${mine ? ' mine' : ''}${mentioned ? ' mentions-me' : ''}`} data-id={m.id} data-seq={m.seq ?? ''}>
      <div class="message-head">
        <Presence userId={m.user_id} />
        <span class="message-author">{displayName(m.user)}</span>
        <time class="muted" dateTime={m.created_at}>{time(m.created_at)}</time>
        {m.edited_at && <span class="message-edited muted">(edited)</span>}
      </div>
      {replied && <blockquote class="reply-quote">{displayName(replied.user)}: {replied.content}</blockquote>}
      {editing ? (
        <form class="edit-form" onSubmit={save}>
          <label class="visually-hidden" for={`edit-${m.id}`}>Edit message</label>
          <input id={`edit-${m.id}`} class="edit-input" value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <button type="submit" class="save-edit">Save</button>
          <button type="button" class="link" onClick={() => setEditing(false)}>Cancel</button>
        </form>
      ) : <p class="message-content">{m.content}</p>}
      {m.attachments?.length > 0 && <div class="attachments">{m.attachments.map((a) => <Attachment key={a.id} file={a} />)}</div>}
      <div class="reactions" aria-label="Reactions">
        {(m.reactions ?? []).map((r) => (
          <button key={r.emoji} class={`reaction${r.user_reacted ? ' mine' : ''}`} data-emoji={r.emoji}
            aria-pressed={!!r.user_reacted} onClick={() => run(() => store.toggleReaction(m, r.emoji))}>
            {r.emoji} <span class="reaction-count">{r.count}</span>
          </button>
        ))}
      </div>
      <div class="message-actions">
        {QUICK_REACTIONS.map((emoji) => (
          <button key={emoji} class="react-btn" data-emoji={emoji} aria-label={`React ${emoji}`}
            onClick={() => run(() => store.toggleReaction(m, emoji))}>{emoji}</button>
        ))}
        <button class="reply-btn link" onClick={() => onReply(m)}>Reply</button>
        {mine && !editing && <button class="edit-btn link" onClick={() => { setText(m.content); setEditing(true); }}>Edit</button>}
        {mayDelete && <button class="delete-btn link" onClick={() => confirm('Delete this message?') && run(() => store.remove(m.id))}>Delete</button>}
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </li>
  );
}

function Composer({ room, replyTo, onReplyDone }) {
  const [text, setText] = useState('');
  const [files, setFiles] = useState([]); // { id?, filename, progress, error? }
  const { busy, error, run } = useAction();
  const input = useRef(null);
  useEffect(() => { if (replyTo) input.current?.focus(); }, [replyTo]);
  const ready = files.filter((f) => f.id);
  const uploading = files.some((f) => !f.id && !f.error);
  const send = (e) => {
    e.preventDefault();
    const content = text.trim() || ready.map((f) => f.filename).join(', ');
    if (!content || uploading) return;
    run(async () => {
      await store.send(room.id, content, { replyTo: replyTo?.id, attachments: ready });
      setText('');
      setFiles([]);
      onReplyDone();
      input.current?.focus();
    });
  };
  const attach = (e) => {
    for (const file of e.currentTarget.files) {
      const entry = { key: Math.random(), filename: file.name, progress: 0 };
      setFiles((fs) => [...fs, entry]);
      const update = (patch) => setFiles((fs) => fs.map((f) => (f.key === entry.key ? { ...f, ...patch } : f)));
      store.upload(file, (p) => update({ progress: p }))
        .then((uploaded) => update({ ...uploaded, progress: 1 }))
        .catch((err) => update({ error: err.message }));
    }
    e.currentTarget.value = '';
  };
  return (
    <form class="composer" onSubmit={send} aria-label="Send a message">
      {replyTo && (
        <div class="replying" id="replying-to">Replying to {displayName(replyTo.user)}: {replyTo.content.slice(0, 80)}
          <button type="button" class="link" onClick={onReplyDone}>Cancel</button></div>
      )}
      {files.map((f) => (
        <div class="upload" key={f.key}>
          <span>{f.filename}</span>
          <progress class="upload-progress" max="1" value={f.progress} aria-label={`Uploading ${f.filename}`} />
          {f.error && <span class="error" role="alert">{f.error}</span>}
        </div>
      ))}
      <div class="composer-row">
        <label class="attach" title="Attach a file">📎<span class="visually-hidden">Attach a file</span>
          <input type="file" id="file-input" class="visually-hidden" multiple onChange={attach} /></label>
        <label class="visually-hidden" for="message-input">Message</label>
        <textarea id="message-input" ref={input} rows={1} value={text} placeholder="Write a message (@name mentions)"
          onInput={(e) => { setText(e.currentTarget.value); store.typing(room.id); }}
          onBlur={() => store.stopTyping(room.id)}
          onKeyDown={(e) => { if (e.key === 'Enter' && !e.shiftKey) send(e); }} />
        <button type="submit" id="send" disabled={busy || uploading}>Send</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </form>
  );
}

function TypingIndicator({ roomId }) {
  const { typing } = useStore();
  const users = Object.entries(typing[roomId] ?? {});
  const names = users.map(([, t]) => t.name);
  return (
    <p class="typing" id="typing-indicator" data-users={users.map(([id]) => id).join(',')} aria-live="polite">
      {names.length === 0 ? '' : names.length === 1 ? `${names[0]} is typing…` : `${names.join(', ')} are typing…`}
    </p>
  );
}

function RoomView({ roomId }) {
  const state = useStore();
  const room = state.rooms[roomId];
  const h = state.history[roomId] ?? { messages: [], loading: true };
  const [replyTo, setReplyTo] = useState(null);
  const list = useRef(null);
  const atBottom = useRef(true);
  const count = h.messages.length;
  const newest = h.messages[count - 1]?.id;
  useEffect(() => {
    if (atBottom.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [newest, roomId]);
  useEffect(() => setReplyTo(null), [roomId]);
  if (!room) return <main class="room empty-room"><p>This room is gone.</p></main>;
  const members = state.members[roomId] ?? [];
  const byId = new Map(h.messages.map((m) => [m.id, m]));
  return (
    <main class="room" id="room" data-room-id={roomId} aria-label={room.name || 'Direct chat'}>
      <header class="room-head">
        <button class="back link" onClick={() => store.closeRoom()} aria-label="Back to chats">‹</button>
        <div>
          <h2 id="room-title">{room.name || 'Direct chat'}</h2>
          <p class="muted room-sub">{room.description || `${members.length || room.member_count || 0} members`}</p>
        </div>
        <ul class="members" aria-label="Members">
          {members.slice(0, 12).map((m) => (
            <li key={m.user_id} class="member" data-user-id={m.user_id} title={`${displayName(m.user)} (${m.role})`}>
              <Presence userId={m.user_id} /> <span class="member-name">{displayName(m.user)}</span>
            </li>
          ))}
        </ul>
        {room.type !== 'direct' && <button class="link" onClick={() => confirm('Leave this room?') && store.leave(roomId)}>Leave</button>}
      </header>
      <div class="messages-scroll" ref={list}
        onScroll={(e) => { const t = e.currentTarget; atBottom.current = t.scrollHeight - t.scrollTop - t.clientHeight < 40; }}>
        {h.hasOlder && <button class="load-older link" id="load-older" disabled={h.loading}
          onClick={() => { atBottom.current = false; store.loadOlder(roomId); }}>Load older messages</button>}
        {h.loading && count === 0 && <p class="muted">Loading…</p>}
        <ol class="messages" id="messages" role="log" aria-live="polite" aria-label="Messages">
          {h.messages.map((m) => [
            m.id === h.firstUnreadId && <li key={`unread-${m.id}`} class="unread-divider" id="unread-divider" role="separator">New messages</li>,
            <MessageItem key={m.id} m={m} room={room} onReply={setReplyTo} replied={m.reply_to ? byId.get(m.reply_to) : null} />,
          ])}
        </ol>
      </div>
      <TypingIndicator roomId={roomId} />
      <Composer room={room} replyTo={replyTo} onReplyDone={() => setReplyTo(null)} />
    </main>
  );
}

// ---- the page

function Toasts() {
  const { toasts } = useStore();
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div class="toast" key={t.id} data-room-id={t.roomId ?? ''}>
          <button class="link" onClick={() => { if (t.roomId) store.openRoom(t.roomId); store.dismiss(t.id); }}>{t.text}</button>
        </div>
      ))}
    </div>
  );
}

function App() {
  const state = useStore();
  useEffect(() => {
    const onHash = () => {
      const id = decodeURIComponent(location.hash.replace(/^#\/room\//, ''));
      if (!location.hash) store.set({ openRoomId: null });
      else if (id && id !== store.state.openRoomId && store.state.rooms[id]) store.openRoom(id);
    };
    const onVisible = () => { if (store.state.openRoomId) store.markRead(store.state.openRoomId); };
    window.addEventListener('hashchange', onHash);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('hashchange', onHash);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  if (!state.me) return <SignIn />;
  return (
    <div class={`app${state.openRoomId ? ' room-open' : ''}`} data-connection={state.connection}>
      <div class={`connection connection-${state.connection}`} id="connection" role="status">
        {state.connection === 'online' ? '' : state.connection === 'connecting' ? 'Reconnecting…' : 'Offline'}
      </div>
      {state.error && <div class="banner error" role="alert">{state.error}
        <button class="link" onClick={() => store.set({ error: null })}>Dismiss</button></div>}
      <ChatList />
      {state.openRoomId ? <RoomView roomId={state.openRoomId} />
        : <main class="room empty-room"><p class="muted">Pick a chat, or start one.</p></main>}
      <Toasts />
    </div>
  );
}

// the last console warnings and errors, which the browser tests save beside a failing test's screenshot
window.__log = [];
for (const level of ['warn', 'error']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    window.__log.push(`${level}: ${args.map(String).join(' ')}`);
    if (window.__log.length > 200) window.__log.shift();
    original(...args);
  };
}
window.addEventListener('error', (e) => window.__log.push(`uncaught: ${e.message}`));
window.addEventListener('unhandledrejection', (e) => window.__log.push(`unhandled: ${e.reason}`));
window.__parley = store; // for the browser tests and for poking around in the console
store.start().finally(() => render(<App />, document.getElementById('app')));
