// The guide's Complete Integration Example (App), Chat List and Chat Room components, with React's rendering
// replaced by a few lines of DOM code (no build step). Their state updates and every WebSocket handler are the
// guide's, unchanged: the 'message' frame is appended as it arrives, edits and deletes match on msg.id, typing
// users are kept by user_id, the chat list shows room.name, room.avatar, last_message and updated_at.
import {
  config, loginUser, registerUser, authenticatedFetch, ChatWebSocket, getUserChatRooms, createRoom,
  createOrGetDirectRoom, joinRoom, getRoomMessages, sendMessage, editMessage, deleteMessage, addReaction,
  startTyping, stopTyping, refreshToken, setupTokenRefresh
} from './guide.js';

const $ = (selector) => document.querySelector(selector);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k.startsWith('on')) node.addEventListener(k.slice(2).toLowerCase(), v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
};
// what the guide's components use but do not define
const formatTime = (t) => (t ? new Date(t).toISOString() : '');
const showNotification = (message) => { $('#notifications').append(el('div', { class: 'notification' }, message)); };
const reactions = new Map(); // message id -> "emoji count", from message_reaction frames
let rerenderRoom = () => {};
const handleMessageReaction = (data) => {
  reactions.set(data.message_id, `${data.emoji} ${data.reaction_count}`);
  rerenderRoom();
};

// ---- App (Complete Integration Example)
let user = null;
let token = null;
let chatWS = null;
let currentRoomId = null;

const initializeWebSocket = (authToken) => {
  const ws = new ChatWebSocket(authToken);

  // Setup global event handlers
  ws.on('notification', (data) => {
    showNotification(data.message);
  });

  ws.on('error', (error) => {
    console.error('WebSocket error:', error);
  });
  // from "Initialize WebSocket"
  ws.on('message_reaction', handleMessageReaction);
  // test instrumentation only: lets the browser test see each (re)authenticated socket
  ws.on('auth_response', (data) => { window.__authResponses = (window.__authResponses || 0) + (data.success ? 1 : 0); });

  ws.connect();
  chatWS = ws;
};

const handleLogin = async (credentials) => {
  try {
    const result = await loginUser(credentials.username, credentials.password);
    user = result.user;
    token = result.token;
    initializeWebSocket(result.token);
    renderApp();
  } catch (error) {
    console.error('Login failed:', error);
  }
};

const setCurrentRoomId = (roomId) => {
  currentRoomId = roomId;
  renderApp();
};

function renderApp() {
  const root = $('#app');
  root.replaceChildren();
  if (!user || !token) {
    root.append(el('form', { id: 'login-form', onsubmit: (e) => e.preventDefault() },
      el('input', { id: 'username', placeholder: 'username' }),
      el('input', { id: 'password', type: 'password', placeholder: 'password' }),
      el('button', { id: 'register', type: 'button', onclick: async () => {
        const username = $('#username').value;
        const password = $('#password').value;
        await registerUser(username, `${username}@example.com`, password, `Name ${username}`);
        await handleLogin({ username, password });
      } }, 'Register'),
      el('button', { id: 'login', type: 'button',
        onclick: () => handleLogin({ username: $('#username').value, password: $('#password').value }) }, 'Login')));
    return;
  }
  root.append(
    el('div', { class: 'app-header' }, el('h1', {}, 'Chat App'),
      el('div', { class: 'user-info', id: 'welcome', 'data-user-id': user.id }, `Welcome, ${user.username}`)),
    el('div', { class: 'controls' },
      el('input', { id: 'new-room-name', placeholder: 'room name' }),
      el('button', { id: 'create-room', onclick: async () => {
        const room = await createRoom({ name: $('#new-room-name').value, type: 'public' });
        chatList.reload();
        setCurrentRoomId(room.id);
      } }, 'Create room'),
      el('input', { id: 'join-room-id', placeholder: 'room id' }),
      el('button', { id: 'join-room', onclick: async () => {
        const id = $('#join-room-id').value;
        await joinRoom(id);
        chatList.reload();
        setCurrentRoomId(id);
      } }, 'Join room'),
      el('input', { id: 'direct-user-id', placeholder: 'user id' }),
      el('button', { id: 'start-direct', onclick: () => chatList.startDirectChat($('#direct-user-id').value) },
        'Direct chat'),
      el('button', { id: 'reload-chats', onclick: () => chatList.reload() }, 'Reload chats'),
      el('input', { id: 'edit-text', placeholder: 'edited text' })),
    el('div', { class: 'app-content' },
      el('div', { class: 'sidebar', id: 'sidebar' }),
      el('div', { class: 'main-content', id: 'main' })));
  chatList.mount($('#sidebar'));
  if (currentRoomId) {
    ChatRoom({ roomId: currentRoomId, chatWS, currentUser: user }, $('#main'));
  } else {
    $('#main').append(el('div', { class: 'no-chat-selected' }, 'Select a chat to start messaging'));
  }
}

// ---- Chat List Component
const chatList = (() => {
  let rooms = [];
  let isLoading = true;
  let container = null;
  const onRoomSelect = (id) => setCurrentRoomId(id);

  const loadChatRooms = async () => {
    try {
      isLoading = true;
      render();
      const roomsData = await getUserChatRooms();
      rooms = roomsData.rooms;
    } catch (error) {
      console.error('Failed to load chat rooms:', error);
    } finally {
      isLoading = false;
      render();
    }
  };

  const startDirectChat = async (userId) => {
    try {
      const room = await createOrGetDirectRoom(userId);
      onRoomSelect(room.id);
    } catch (error) {
      console.error('Failed to start direct chat:', error);
    }
  };

  function render() {
    if (!container) return;
    container.replaceChildren(el('h3', {}, 'Chats'));
    if (isLoading) {
      container.append(el('div', { id: 'chats-loading' }, 'Loading chats...'));
      return;
    }
    const list = el('div', { class: 'rooms-list', id: 'rooms-list' });
    for (const room of rooms) {
      list.append(el('div', { class: 'room-item', 'data-room-id': room.id, onclick: () => onRoomSelect(room.id) },
        el('div', { class: 'room-avatar' }, room.avatar
          ? el('img', { src: room.avatar, alt: room.name })
          : el('div', { class: 'avatar-placeholder' }, room.name?.charAt(0) || '?')),
        el('div', { class: 'room-info' },
          el('div', { class: 'room-name' }, room.name || 'Unknown'),
          el('div', { class: 'room-last-message' }, room.last_message?.content || 'No messages yet')),
        el('div', { class: 'room-meta' },
          el('div', { class: 'room-time', 'data-updated-at': room.updated_at }, formatTime(room.updated_at)),
          room.unread_count > 0 ? el('div', { class: 'unread-badge' }, String(room.unread_count)) : '')));
    }
    container.append(list);
  }

  return {
    mount(node) { container = node; if (isLoading) loadChatRooms(); else render(); },
    reload: loadChatRooms,
    startDirectChat
  };
})();

// ---- Chat Room Component
let currentRoom = null;
function ChatRoom({ roomId, chatWS, currentUser }, container) {
  const self = {};
  currentRoom = self;
  let messages = [];
  const setMessages = (next) => { messages = typeof next === 'function' ? next(messages) : next; render(); };
  let newMessage = '';
  const setNewMessage = (v) => { newMessage = v; };
  let typingUsers = new Set();
  const setTypingUsers = (next) => { typingUsers = typeof next === 'function' ? next(typingUsers) : next; render(); };
  let isLoading = true;
  const setIsLoading = (v) => { isLoading = v; render(); };
  const messagesEndRef = { current: null };
  const typingTimeoutRef = { current: null };

  const loadMessages = async () => {
    try {
      setIsLoading(true);
      const messagesData = await getRoomMessages(roomId);
      setMessages(messagesData.messages);
    } catch (error) {
      console.error('Failed to load messages:', error);
    } finally {
      setIsLoading(false);
    }
  };

  const setupWebSocketHandlers = () => {
    // Handle new messages
    chatWS.on('message', (data) => {
      if (data.room_id === roomId) {
        setMessages(prev => [...prev, data]);
        scrollToBottom();
      }
    });

    // Handle typing indicators
    chatWS.on('typing_start', (data) => {
      if (data.room_id === roomId) {
        setTypingUsers(prev => new Set([...prev, data.user_id]));
      }
    });

    chatWS.on('typing_stop', (data) => {
      if (data.room_id === roomId) {
        setTypingUsers(prev => {
          const newSet = new Set(prev);
          newSet.delete(data.user_id);
          return newSet;
        });
      }
    });

    // Handle message edits
    chatWS.on('message_edit', (data) => {
      if (data.room_id === roomId) {
        setMessages(prev =>
          prev.map(msg =>
            msg.id === data.message_id
              ? { ...msg, content: data.content, edited_at: data.edited_at }
              : msg
          )
        );
      }
    });

    // Handle message deletions
    chatWS.on('message_delete', (data) => {
      if (data.room_id === roomId) {
        setMessages(prev =>
          prev.filter(msg => msg.id !== data.message_id)
        );
      }
    });
  };

  const handleSendMessage = async (e) => {
    e.preventDefault();

    if (!newMessage.trim()) return;

    try {
      await sendMessage({
        roomId,
        content: newMessage.trim(),
        type: 'text'
      });

      setNewMessage('');
      $('#message-input').value = '';
      await stopTyping(roomId);
    } catch (error) {
      console.error('Failed to send message:', error);
    }
  };

  const handleTyping = async (e) => {
    setNewMessage(e.target.value);

    // Start typing indicator
    if (e.target.value.length === 1) {
      await startTyping(roomId);
    }

    // Reset typing timeout
    if (typingTimeoutRef.current) {
      clearTimeout(typingTimeoutRef.current);
    }

    // Stop typing after 3 seconds of inactivity
    typingTimeoutRef.current = setTimeout(async () => {
      await stopTyping(roomId);
    }, 3000);
  };

  const scrollToBottom = () => {
    messagesEndRef.current?.scrollIntoView({ behavior: 'smooth' });
  };

  // The guide's Message component ("Screen Reader Support"), with the buttons its ChatRoom wires up
  const MessageComponent = (message) => el('div', {
    class: 'message', role: 'article', 'data-id': message.id,
    'aria-label': `Message from ${message.user.username} at ${formatTime(message.created_at)}`
  },
    el('div', { class: 'message-author', 'aria-hidden': 'true' }, message.user.username),
    el('div', { class: 'message-content' }, message.content),
    message.edited_at ? el('span', { class: 'message-edited' }, '(edited)') : '',
    el('span', { class: 'reactions' }, reactions.get(message.id) || ''),
    el('button', { class: 'react-btn', onclick: () => addReaction(message.id, '👍') }, '👍'),
    el('button', { class: 'edit-btn', onclick: () => editMessage(message.id, $('#edit-text').value) }, 'Edit'),
    el('button', { class: 'delete-btn', onclick: () => deleteMessage(message.id) }, 'Delete'));

  let input = null;
  function render() {
    if (currentRoom !== self) return;
    const list = el('div', { class: 'messages-container', id: 'messages' });
    if (isLoading) list.append(el('div', {}, 'Loading messages...'));
    else messages.forEach(m => list.append(MessageComponent(m)));
    list.append(el('div', { id: 'typing-indicator', 'data-users': Array.from(typingUsers).join(',') },
      typingUsers.size > 0 ? `${typingUsers.size} typing` : ''));
    const end = el('div');
    messagesEndRef.current = end;
    list.append(end);
    if (!input) {
      input = el('input', { id: 'message-input', type: 'text', placeholder: 'Type a message...',
        class: 'message-input', oninput: handleTyping });
    }
    container.replaceChildren(el('div', { class: 'chat-room', id: 'chat-room', 'data-room-id': roomId }, list,
      el('form', { class: 'message-input-form', id: 'send-form', onsubmit: handleSendMessage }, input,
        el('button', { id: 'send', type: 'submit' }, 'Send'))));
  }
  rerenderRoom = render;

  // useEffect(() => { loadMessages(); setupWebSocketHandlers(); }, [roomId])
  render();
  loadMessages();
  setupWebSocketHandlers();
}

// ---- start: the App's stored-auth effect
const storedToken = localStorage.getItem('token');
const storedUser = localStorage.getItem('user');
if (storedToken && storedUser) {
  token = storedToken;
  user = JSON.parse(storedUser);
  initializeWebSocket(storedToken);
}
renderApp();

// what the browser test calls directly
window.__app = { config, refreshToken, setupTokenRefresh, authenticatedFetch, get chatWS() { return chatWS; } };
