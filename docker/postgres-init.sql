-- One database per service (each service owns its data). Development only: the compose file's
-- single superuser owns them; issue #7 gives each service a role of its own.
CREATE DATABASE parley_auth;
CREATE DATABASE parley_room;
CREATE DATABASE parley_message;
