package org.aftermath.run.worker;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Secrets never reach stored or streamed output, even when a read splits them. */
class MaskerTest {

    private static String feed(Masker masker, String... pieces) {
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            out.append(masker.push(piece));
        }
        return out.append(masker.flush()).toString();
    }

    @Test
    void withoutSecretsTextPassesUnchanged() {
        Masker masker = new Masker(List.of());
        assertEquals("abc", masker.push("abc"));
    }

    @Test
    void aSecretIsMaskedWholeOrSplitAcrossReads() {
        assertEquals("pw=**** and ****\n", feed(new Masker(List.of("hunter2")), "pw=hunter2 and hunter2\n"));
        assertEquals("pw=****!", feed(new Masker(List.of("hunter2")), "pw=hun", "te", "r2!"));
        assertEquals("pw=hunte", feed(new Masker(List.of("hunter2")), "pw=hun", "te"));
        for (int split = 1; split < 7; split++) {
            String text = "xx hunter2 yy";
            assertEquals("xx **** yy", feed(new Masker(List.of("hunter2")), text.substring(0, 3 + split), text.substring(3 + split)));
        }
    }

    @Test
    void textThatOnlyLooksLikeTheStartOfASecretIsPassedOnLater() {
        Masker masker = new Masker(List.of("secret"));
        assertEquals("a ", masker.push("a sec"));
        assertEquals("second", masker.push("ond"));
    }

    @Test
    void overlappingSecretsNeverLeakAPart() {
        String out = feed(new Masker(List.of("abc", "cd")), "xab", "cd");
        assertFalse(out.contains("abc"), out);
        assertEquals("x****d", out);
        assertEquals("****", feed(new Masker(List.of("pass", "password")), "passw", "ord"));
    }
}
