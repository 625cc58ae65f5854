// The frontend integration guide's own code blocks, as a frontend developer copies them. The only edits:
// the guide's relative '/api/v1' URLs go through config.API_BASE_URL (its "Development Environment" config) and
// its 'ws://localhost:8080/ws' through config.WS_URL, so the same page runs against any port and from another
// origin. refreshToken() keeps the guide's relative '/api/v1/auth/refresh' (same-origin, as the guide assumes).
// Nothing else is changed: the same calls, the same headers, the same storage, the same reconnect.

const params = new URLSearchParams(window.location.search);
export const config = {
  API_BASE_URL: params.get('api') || 'http://localhost:8080/api/v1',
  WS_URL: params.get('ws') || 'ws://localhost:8080/ws',
  DEBUG: true,
  RECONNECT_INTERVAL: 3000,
  MESSAGE_PAGINATION_SIZE: 50,
  TYPING_TIMEOUT: 3000
};

// ---- Authentication Flow: 1. User Login
export const loginUser = async (username, password) => {
  try {
    const response = await fetch(`${config.API_BASE_URL}/auth/login`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        username,
        password
      })
    });

    const data = await response.json();

    if (data.success) {
      // Store JWT token
      localStorage.setItem('token', data.data.token);
      localStorage.setItem('user', JSON.stringify(data.data.user));
      return data.data;
    }
  } catch (error) {
    console.error('Login failed:', error);
    throw error;
  }
};

// Register Request (the guide gives its schema, not code; written the way loginUser is)
export const registerUser = async (username, email, password, display_name) => {
  const response = await fetch(`${config.API_BASE_URL}/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, email, password, display_name })
  });
  return await response.json();
};

// ---- Authentication Flow: 2. Token Management
export const getAuthToken = () => {
  return localStorage.getItem('token');
};

export const authenticatedFetch = async (url, options = {}) => {
  const token = getAuthToken();

  return fetch(url, {
    ...options,
    headers: {
      ...options.headers,
      'Authorization': `Bearer ${token}`,
      'Content-Type': 'application/json',
    }
  });
};

// ---- WebSocket Connection: 1. Establish Connection
export class ChatWebSocket {
  constructor(token) {
    this.token = token;
    this.ws = null;
    this.reconnectInterval = 5000;
    this.maxReconnectAttempts = 5;
    this.reconnectAttempts = 0;
    this.eventHandlers = new Map();
  }

  connect() {
    try {
      // WebSocket connection with auth token
      this.ws = new WebSocket(`${config.WS_URL}?token=${this.token}`);

      this.ws.onopen = this.onOpen.bind(this);
      this.ws.onmessage = this.onMessage.bind(this);
      this.ws.onclose = this.onClose.bind(this);
      this.ws.onerror = this.onError.bind(this);

    } catch (error) {
      console.error('WebSocket connection failed:', error);
      this.scheduleReconnect();
    }
  }

  onOpen(event) {
    console.log('WebSocket connected');
    this.reconnectAttempts = 0;

    // Send authentication message
    this.send({
      type: 'auth',
      token: this.token
    });
  }

  onMessage(event) {
    try {
      const message = JSON.parse(event.data);
      this.handleMessage(message);
    } catch (error) {
      console.error('Failed to parse WebSocket message:', error);
    }
  }

  onClose(event) {
    console.log('WebSocket disconnected');
    this.scheduleReconnect();
  }

  onError(error) {
    console.error('WebSocket error:', error);
  }

  send(data) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(data));
    }
  }

  // Event handler registration
  on(eventType, handler) {
    if (!this.eventHandlers.has(eventType)) {
      this.eventHandlers.set(eventType, []);
    }
    this.eventHandlers.get(eventType).push(handler);
  }

  handleMessage(message) {
    const handlers = this.eventHandlers.get(message.type);
    if (handlers) {
      handlers.forEach(handler => handler(message));
    }
  }

  scheduleReconnect() {
    if (this.reconnectAttempts < this.maxReconnectAttempts) {
      setTimeout(() => {
        this.reconnectAttempts++;
        console.log(`Reconnecting... Attempt ${this.reconnectAttempts}`);
        this.connect();
      }, this.reconnectInterval);
    }
  }
}

// ---- API Endpoints: 1. Room Management
export const getUserChatRooms = async (page = 1, limit = 20) => {
  try {
    const response = await authenticatedFetch(
      `${config.API_BASE_URL}/rooms/my-chats?page=${page}&limit=${limit}`
    );
    const data = await response.json();
    return data.data;
  } catch (error) {
    console.error('Failed to get chat rooms:', error);
    throw error;
  }
};

export const createRoom = async (roomData) => {
  try {
    const response = await authenticatedFetch(`${config.API_BASE_URL}/rooms`, {
      method: 'POST',
      body: JSON.stringify({
        name: roomData.name,
        description: roomData.description,
        type: roomData.type, // 'direct', 'group', 'public', 'broadcast'
        avatar: roomData.avatar,
        is_public: roomData.isPublic,
        max_members: roomData.maxMembers
      })
    });

    const data = await response.json();
    return data.data;
  } catch (error) {
    console.error('Failed to create room:', error);
    throw error;
  }
};

export const createOrGetDirectRoom = async (otherUserId) => {
  try {
    const response = await authenticatedFetch(`${config.API_BASE_URL}/rooms/direct/${otherUserId}`, {
      method: 'POST'
    });

    const data = await response.json();
    return data.data;
  } catch (error) {
    console.error('Failed to create/get direct room:', error);
    throw error;
  }
};

export const joinRoom = async (roomId) => {
  try {
    const response = await authenticatedFetch(`${config.API_BASE_URL}/rooms/${roomId}/join`, {
      method: 'POST'
    });

    return await response.json();
  } catch (error) {
    console.error('Failed to join room:', error);
    throw error;
  }
};

// ---- API Endpoints: 2. Message Management
export const getRoomMessages = async (roomId, page = 1, limit = 50) => {
  try {
    const response = await authenticatedFetch(
      `${config.API_BASE_URL}/rooms/${roomId}/messages?page=${page}&limit=${limit}`
    );
    const data = await response.json();
    return data.data;
  } catch (error) {
    console.error('Failed to get room messages:', error);
    throw error;
  }
};

export const sendMessage = async (messageData) => {
  try {
    const response = await authenticatedFetch(`${config.API_BASE_URL}/messages`, {
      method: 'POST',
      body: JSON.stringify({
        room_id: messageData.roomId,
        content: messageData.content,
        type: messageData.type || 'text', // 'text', 'image', 'file', etc.
        reply_to: messageData.replyTo, // Optional: message ID to reply to
        attachments: messageData.attachments // Optional: file attachments
      })
    });

    const data = await response.json();
    return data.data;
  } catch (error) {
    console.error('Failed to send message:', error);
    throw error;
  }
};

export const editMessage = async (messageId, newContent) => {
  try {
    const response = await authenticatedFetch(`${config.API_BASE_URL}/messages/${messageId}`, {
      method: 'PUT',
      body: JSON.stringify({
        content: newContent
      })
    });

    return await response.json();
  } catch (error) {
    console.error('Failed to edit message:', error);
    throw error;
  }
};

// Delete (the guide lists DELETE /messages/{id}; written the way editMessage is)
export const deleteMessage = async (messageId) => {
  const response = await authenticatedFetch(`${config.API_BASE_URL}/messages/${messageId}`, {
    method: 'DELETE'
  });
  return await response.json();
};

export const addReaction = async (messageId, emoji) => {
  try {
    const response = await authenticatedFetch(`${config.API_BASE_URL}/messages/${messageId}/reactions`, {
      method: 'POST',
      body: JSON.stringify({
        emoji: emoji
      })
    });

    return await response.json();
  } catch (error) {
    console.error('Failed to add reaction:', error);
    throw error;
  }
};

// ---- API Endpoints: 3. Typing Indicators
export const startTyping = async (roomId) => {
  try {
    await authenticatedFetch(`${config.API_BASE_URL}/rooms/${roomId}/typing/start`, {
      method: 'POST'
    });
  } catch (error) {
    console.error('Failed to start typing:', error);
  }
};

export const stopTyping = async (roomId) => {
  try {
    await authenticatedFetch(`${config.API_BASE_URL}/rooms/${roomId}/typing/stop`, {
      method: 'POST'
    });
  } catch (error) {
    console.error('Failed to stop typing:', error);
  }
};

// ---- Security Best Practices: Token Refresh (verbatim, relative URL and all)
export const refreshToken = async () => {
  try {
    const refreshToken = localStorage.getItem('refreshToken');
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Authorization': `Bearer ${refreshToken}`
      }
    });

    const data = await response.json();

    if (data.success) {
      localStorage.setItem('token', data.data.token);
      return data.data.token;
    }
  } catch (error) {
    console.error('Token refresh failed:', error);
    // Redirect to login
    window.location.href = '/login';
  }
};

// Auto-refresh token before expiry
export const setupTokenRefresh = () => {
  const token = localStorage.getItem('token');
  if (token) {
    const payload = JSON.parse(atob(token.split('.')[1]));
    const expiryTime = payload.exp * 1000;
    const currentTime = Date.now();
    const timeUntilExpiry = expiryTime - currentTime;

    // Refresh 5 minutes before expiry
    const refreshTime = timeUntilExpiry - (5 * 60 * 1000);

    if (refreshTime > 0) {
      setTimeout(refreshToken, refreshTime);
    }
  }
};
