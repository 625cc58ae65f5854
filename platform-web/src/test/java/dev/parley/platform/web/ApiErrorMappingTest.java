package dev.parley.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class ApiErrorMappingTest {

    @Test
    void anApiExceptionKeepsItsStatusCodeAndDetails() {
        var mapped = ApiErrorWebExceptionHandler.map(ApiException.validation(
                List.of(new ApiError.FieldError("room_id", "Room id is required"))));
        assertThat(mapped.status().value()).isEqualTo(400);
        assertThat(mapped.body().success()).isFalse();
        assertThat(mapped.body().error().code()).isEqualTo("VALIDATION_ERROR");
        assertThat(mapped.body().error().details()).containsExactly(
                new ApiError.FieldError("room_id", "Room id is required"));
    }

    @Test
    void frameworkNotFoundsDoNotLeakInternals() {
        var mapped = ApiErrorWebExceptionHandler.map(new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No static resource api/v1/secret-handler"));
        assertThat(mapped.status().value()).isEqualTo(404);
        assertThat(mapped.body().message()).isEqualTo("Resource not found");
        assertThat(mapped.body().error().code()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aConnectionClosedBeforeItsAnswerIs503AndAnAnswerPastTheBudget504() {
        // what the gateway's HTTP client raises when a service closes the connection mid-request
        // (reactor-netty's PrematureCloseException is an IOException) and when the route's budget runs out
        assertThat(ApiErrorWebExceptionHandler.map(new java.io.IOException("Connection has been closed BEFORE "
                + "response, while sending request body")).status().value()).isEqualTo(503);
        var late = ApiErrorWebExceptionHandler.map(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
                "Response took longer than timeout: PT2S"));
        assertThat(late.status().value()).isEqualTo(504);
        assertThat(late.body().error().code()).isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void anUnreachableServiceIs503AndAnythingUnexpectedIs500WithoutDetails() {
        assertThat(ApiErrorWebExceptionHandler.map(new ConnectException("refused")).status().value()).isEqualTo(503);
        var mapped = ApiErrorWebExceptionHandler.map(new IllegalStateException("db password is hunter2"));
        assertThat(mapped.status().value()).isEqualTo(500);
        assertThat(mapped.body().message()).doesNotContain("hunter2");
    }

    @Test
    void aDatabaseThatLostItsConnectionOrIsOverloadedIs503() {
        var terminated = new org.springframework.dao.DataAccessResourceFailureException("executeMany",
                new io.r2dbc.spi.R2dbcNonTransientResourceException("terminating connection due to administrator "
                        + "command", "57P01"));
        assertThat(dev.parley.platform.database.DatabaseFaults.connectionLost(terminated)).isTrue();
        assertThat(ApiErrorWebExceptionHandler.map(terminated).status().value()).isEqualTo(503);
        var poolTimeout = new io.r2dbc.spi.R2dbcTimeoutException("Connection acquisition timed out");
        assertThat(dev.parley.platform.database.DatabaseFaults.connectionLost(poolTimeout)).isFalse();
        assertThat(ApiErrorWebExceptionHandler.map(poolTimeout).status().value()).isEqualTo(503);
        var duplicate = new org.springframework.dao.DuplicateKeyException("unique violation");
        assertThat(dev.parley.platform.database.DatabaseFaults.unavailable(duplicate)).isFalse();
    }

    @Test
    void fieldNamesAreSnakeCase() {
        assertThat(ApiErrorWebExceptionHandler.snake("displayName")).isEqualTo("display_name");
        assertThat(ApiErrorWebExceptionHandler.snake("maxMembers")).isEqualTo("max_members");
        assertThat(ApiErrorWebExceptionHandler.snake("room_id")).isEqualTo("room_id");
    }

    @Test
    void paginationCountsPagesFromOne() {
        assertThat(Pagination.of(1, 20, 100)).isEqualTo(new Pagination(1, 20, 100, 5));
        assertThat(Pagination.of(2, 50, 101).totalPages()).isEqualTo(3);
        assertThat(Pagination.of(1, 50, 0).totalPages()).isZero();
    }
}
