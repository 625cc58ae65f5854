package dev.parley.localstack;

/** The four Parley services as the local stack runs them. */
public enum Service {
    AUTH("auth-service", "parley_auth"),
    ROOM("room-service", "parley_room"),
    MESSAGE("message-service", "parley_message"),
    GATEWAY("gateway-ws", null);

    private final String module;
    private final String database;

    Service(String module, String database) {
        this.module = module;
        this.database = database;
    }

    public String module() {
        return module;
    }

    /** The service's own database, or null for the gateway (it has none). */
    public String database() {
        return database;
    }
}
