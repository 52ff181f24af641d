package org.aftermath;

/**
 * One page of a longer list, as the incident list and search show it: the page links read these. Records
 * implement it so each keeps its own JSON names ({@code items}, {@code hits}).
 */
public interface Paged {

    int page();

    int size();

    long total();

    default boolean hasPrevious() {
        return page() > 0;
    }

    default boolean hasNext() {
        return (long) (page() + 1) * size() < total();
    }

    default int previousPage() {
        return page() - 1;
    }

    default int nextPage() {
        return page() + 1;
    }
}
