package org.aftermath;

import java.util.function.Consumer;

/** A field of a partial update: absent (leave as is) or present with a value, which may be null (clear it). */
public record Change<T>(boolean present, T value) {

    private static final Change<?> ABSENT = new Change<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Change<T> absent() {
        return (Change<T>) ABSENT;
    }

    public static <T> Change<T> to(T value) {
        return new Change<>(true, value);
    }

    public void ifPresent(Consumer<T> apply) {
        if (present) {
            apply.accept(value);
        }
    }
}
