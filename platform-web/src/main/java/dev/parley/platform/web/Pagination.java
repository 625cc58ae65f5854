package dev.parley.platform.web;

/** The guide's {@code pagination} object. Pages count from 1. */
public record Pagination(int page, int limit, long total, int totalPages) {

    public static Pagination of(int page, int limit, long total) {
        int pages = limit <= 0 ? 0 : (int) ((total + limit - 1) / limit);
        return new Pagination(page, limit, total, pages);
    }

    /** Row offset of the page. */
    public long offset() {
        return (long) (page - 1) * limit;
    }
}
