package dev.parley.platform.web;

import java.util.ArrayList;
import java.util.List;

/** Validated {@code page}/{@code limit} query parameters. */
public record PageRequest(int page, int limit) {

    public static PageRequest of(Integer page, Integer limit, int defaultLimit, int maxLimit) {
        int p = page == null ? 1 : page;
        int l = limit == null ? defaultLimit : limit;
        List<ApiError.FieldError> errors = new ArrayList<>();
        if (p < 1) {
            errors.add(new ApiError.FieldError("page", "Page must be 1 or greater"));
        }
        if (l < 1 || l > maxLimit) {
            errors.add(new ApiError.FieldError("limit", "Limit must be between 1 and " + maxLimit));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new PageRequest(p, l);
    }

    public long offset() {
        return (long) (page - 1) * limit;
    }

    public Pagination pagination(long total) {
        return Pagination.of(page, limit, total);
    }
}
