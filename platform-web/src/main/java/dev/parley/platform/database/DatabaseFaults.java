package dev.parley.platform.database;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * What a failure of PostgreSQL (not of the request) looks like through R2DBC and Spring's translation: a connection
 * lost (the server terminated it, restarted or went away: SQLState class 08 and 57P01–57P03) or a transient fault
 * (a pool that could not hand out a connection in time). Such a failure is the infrastructure's: 503 with
 * {@code Retry-After}, never 500; a lost connection is worth one more try on another connection.
 */
public final class DatabaseFaults {

    private DatabaseFaults() {
    }

    /** Whether the connection the work ran on was lost (the work did not commit, unless it was the commit's reply). */
    public static boolean connectionLost(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcNonTransientResourceException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (t instanceof R2dbcException r && lostState(r.getSqlState())) {
                return true;
            }
            // reactor-netty / r2dbc-postgresql when the socket closed under a running query
            String name = t.getClass().getName();
            if (name.endsWith("PostgresConnectionClosedException") || name.endsWith("ConnectionResetException")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the database, not the request, failed: a lost connection or a transient fault. */
    public static boolean unavailable(Throwable error) {
        if (connectionLost(error)) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcTransientException || t instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static boolean lostState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }
}
