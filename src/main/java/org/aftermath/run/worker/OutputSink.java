package org.aftermath.run.worker;

import org.aftermath.run.RunOutput;
import org.aftermath.run.RunOutput.Chunk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where one step's stdout and stderr go: masked, merged in arrival order, and stored as chunks of bounded
 * size every few hundred milliseconds. Memory stays bounded whatever the step prints: the first half of the
 * cap is kept, then a rolling window of the last half, with a "truncated" mark in between whose text says how
 * much was dropped.
 */
final class OutputSink {

    static final long FLUSH_EVERY_NANOS = 200_000_000L;

    private record Segment(String stream, StringBuilder text) {
    }

    private record Stored(int seq, int length) {
    }

    private final RunOutput store;
    private final long runId;
    private final int stepIndex;
    private final int chunkMax;
    private final long headLimit;
    private final long tailLimit;
    private final Masker out;
    private final Masker err;
    private final List<Segment> pending = new ArrayList<>();
    private final Deque<Stored> tail = new ArrayDeque<>();
    private final StringBuilder recent = new StringBuilder();
    private int seq;
    private long pendingChars;
    private long headChars;
    private long tailChars;
    private long totalChars;
    private long omittedChars;
    private Integer markSeq;
    private long lastFlush = System.nanoTime();

    OutputSink(RunOutput store, long runId, int stepIndex, int lastSeq, long cap, List<String> secrets) {
        this.store = store;
        this.runId = runId;
        this.stepIndex = stepIndex;
        this.seq = lastSeq;
        this.headLimit = Math.max(1, cap / 2);
        this.tailLimit = Math.max(1, cap - headLimit);
        this.chunkMax = (int) Math.max(256, Math.min(16 * 1024, cap / 4));
        this.out = new Masker(secrets);
        this.err = new Masker(secrets);
    }

    /** Called by the reader threads with text as it arrives. */
    synchronized void append(String stream, String raw) {
        add(stream, (stream.equals(RunOutput.STDERR) ? err : out).push(raw));
        if (pendingChars >= chunkMax) {
            flush();
        }
    }

    /** Text Aftermath adds itself (why a step could not start, that it was killed). */
    synchronized void note(String text) {
        add(RunOutput.META, text);
    }

    synchronized void flushIfDue() {
        if (!pending.isEmpty() && System.nanoTime() - lastFlush >= FLUSH_EVERY_NANOS) {
            flush();
        }
    }

    /** The streams have ended: store what is left. Returns the last sequence used. */
    synchronized int finish() {
        add(RunOutput.STDOUT, out.flush());
        add(RunOutput.STDERR, err.flush());
        flush();
        return seq;
    }

    synchronized long totalChars() {
        return totalChars;
    }

    synchronized long omittedChars() {
        return omittedChars;
    }

    /** The last few non-empty lines printed, for the timeline. */
    synchronized List<String> lastLines(int count) {
        List<String> lines = new ArrayList<>(recent.toString().lines().map(String::stripTrailing)
                .filter(l -> !l.isBlank()).toList());
        List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
        return last.stream().map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l).toList();
    }

    private void add(String stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        totalChars += text.length();
        recent.append(text);
        if (recent.length() > 4096) {
            recent.delete(0, recent.length() - 2048);
        }
        Segment last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last != null && last.stream().equals(stream)) {
            last.text().append(text);
        } else {
            pending.add(new Segment(stream, new StringBuilder(text)));
        }
        pendingChars += text.length();
    }

    private void flush() {
        lastFlush = System.nanoTime();
        if (pending.isEmpty()) {
            return;
        }
        List<Chunk> added = new ArrayList<>();
        for (Segment segment : pending) {
            String text = segment.text().toString();
            for (int from = 0; from < text.length(); ) {
                int to = Math.min(text.length(), from + chunkMax);
                if (to < text.length() && Character.isHighSurrogate(text.charAt(to - 1))) {
                    to--;
                }
                if (headChars < headLimit) {
                    to = (int) Math.min(to, from + (headLimit - headChars));
                    headChars += to - from;
                } else {
                    tail.addLast(new Stored(seq + 1, to - from));
                    tailChars += to - from;
                }
                added.add(new Chunk(++seq, stepIndex, segment.stream(), text.substring(from, to)));
                from = to;
            }
        }
        pending.clear();
        pendingChars = 0;
        List<Integer> evicted = new ArrayList<>();
        boolean evictedNow = false;
        while (!tail.isEmpty() && tailChars - tail.peekFirst().length() >= tailLimit) {
            Stored oldest = tail.removeFirst();
            tailChars -= oldest.length();
            omittedChars += oldest.length();
            evictedNow = true;
            if (markSeq == null) {
                markSeq = oldest.seq(); // the first dropped chunk becomes the mark, so it sits between head and tail
            } else {
                evicted.add(oldest.seq());
            }
        }
        Chunk mark = evictedNow ? new Chunk(markSeq, stepIndex, RunOutput.META, "\n[… " + omittedChars
                + " characters of output dropped here: a step keeps its first " + headLimit + " and last about "
                + tailLimit + " characters …]\n") : null;
        store.write(runId, added, evicted, mark);
    }
}
