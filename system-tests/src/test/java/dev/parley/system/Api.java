package dev.parley.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A frontend's view of Parley: plain HTTP against the gateway, nothing else. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        JsonNode data() {
            return json().get("data");
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(String gatewayUrl) {
        this.base = gatewayUrl + "/api/v1";
    }

    Response post(String path, String token, Map<String, ?> body) {
        return request("POST", path, token, body == null ? "" : JSON.writeValueAsString(body));
    }

    Response put(String path, String token, Map<String, ?> body) {
        return request("PUT", path, token, JSON.writeValueAsString(body));
    }

    Response patch(String path, String token, Map<String, ?> body) {
        return request("PATCH", path, token, JSON.writeValueAsString(body));
    }

    Response get(String path, String token) {
        return request("GET", path, token, null);
    }

    Response delete(String path, String token) {
        return request("DELETE", path, token, null);
    }

    /** One call through the gateway: a JSON body if any (sent as it is, valid or not), the bearer token if any. */
    Response request(String method, String path, String token, String json) {
        return request(method, path, token, json, Map.of());
    }

    /** As {@link #request(String, String, String, String)}, with more headers (a client's traceparent, say). */
    Response request(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers and logs in a new user; returns the user id and access token. */
    User signUp(String prefix) {
        String username = prefix + "_" + Long.toHexString(System.nanoTime()).substring(6);
        Response reg = post("/auth/register", null, Map.of("username", username, "email", username + "@example.com",
                "password", "securePassword123", "display_name", "Name " + username));
        if (reg.status() != 201) {
            throw new IllegalStateException("register failed: " + reg);
        }
        Response login = post("/auth/login", null, Map.of("username", username, "password", "securePassword123"));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return new User(login.data().get("user").get("id").asString(), username, login.data().get("token").asString());
    }

    /** Logs in an existing user of {@link #signUp}: another session of theirs. */
    User login(String username) {
        Response login = post("/auth/login", null, Map.of("username", username, "password", "securePassword123"));
        if (login.status() != 200) {
            throw new IllegalStateException("login failed: " + login);
        }
        return new User(login.data().get("user").get("id").asString(), username, login.data().get("token").asString());
    }

    record User(String id, String username, String token) {
    }
}
