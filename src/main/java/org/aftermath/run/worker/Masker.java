package org.aftermath.run.worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces secret values with {@code ****} in one output stream as it arrives in pieces. A piece that ends
 * with the beginning of a secret is held back until the next piece shows whether the secret follows, so a
 * secret split across two reads is still masked.
 */
final class Masker {

    static final String MASK = "****";

    private final List<String> secrets;
    private final int longest;
    private final StringBuilder held = new StringBuilder();

    Masker(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.longest = this.secrets.isEmpty() ? 0 : this.secrets.get(0).length();
    }

    /** The masked text that is safe to pass on now; a possible start of a secret stays held. */
    String push(String text) {
        if (secrets.isEmpty()) {
            return text;
        }
        held.append(text);
        String raw = held.toString();
        List<int[]> found = occurrences(raw);
        int keepFrom = raw.length();
        for (int i = Math.max(0, raw.length() - longest + 1); i < raw.length(); i++) {
            if (startsSomeSecret(raw, i)) {
                keepFrom = i;
                break;
            }
        }
        for (int[] occurrence : found) {
            if (occurrence[0] < keepFrom && occurrence[1] > keepFrom) {
                keepFrom = occurrence[1];
            }
        }
        held.setLength(0);
        held.append(raw, keepFrom, raw.length());
        return replace(raw, keepFrom, found);
    }

    /** Everything still held, masked: the stream has ended. */
    String flush() {
        String raw = held.toString();
        held.setLength(0);
        return secrets.isEmpty() ? raw : replace(raw, raw.length(), occurrences(raw));
    }

    private boolean startsSomeSecret(String raw, int from) {
        int length = raw.length() - from;
        for (String secret : secrets) {
            if (secret.length() > length && secret.regionMatches(0, raw, from, length)) {
                return true;
            }
        }
        return false;
    }

    /** Non-overlapping occurrences [start, end), leftmost first, longest secret first at each position. */
    private List<int[]> occurrences(String raw) {
        List<int[]> all = new ArrayList<>();
        for (String secret : secrets) {
            for (int at = raw.indexOf(secret); at >= 0; at = raw.indexOf(secret, at + 1)) {
                all.add(new int[]{at, at + secret.length()});
            }
        }
        all.sort(Comparator.<int[]>comparingInt(o -> o[0]).thenComparingInt(o -> -o[1]));
        List<int[]> chosen = new ArrayList<>();
        int end = 0;
        for (int[] occurrence : all) {
            if (occurrence[0] >= end) {
                chosen.add(occurrence);
                end = occurrence[1];
            }
        }
        return chosen;
    }

    private static String replace(String raw, int upTo, List<int[]> found) {
        StringBuilder out = new StringBuilder(upTo);
        int at = 0;
        for (int[] occurrence : found) {
            if (occurrence[1] > upTo) {
                break;
            }
            out.append(raw, at, occurrence[0]).append(MASK);
            at = occurrence[1];
        }
        out.append(raw, at, upTo);
        return out.toString();
    }
}
