package io.invertavatar.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A list answer: {@code {"items": [...]}}, with paging fields where the list is paged. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Items<T>(List<T> items, Integer page, Integer size, Long total) {

    static <T> Items<T> of(List<T> items) {
        return new Items<>(items, null, null, null);
    }
}
