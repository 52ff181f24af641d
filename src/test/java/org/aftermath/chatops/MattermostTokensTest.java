package org.aftermath.chatops;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MattermostTokensTest {

    private final MattermostTokens tokens = new MattermostTokens(List.of("xr3j5x3p4pfk", " second-token ", ""));

    @Test
    void anyConfiguredTokenIsAcceptedInTheHeaderTheFieldOrBoth() {
        assertTrue(tokens.accepts("Token xr3j5x3p4pfk", "xr3j5x3p4pfk"));
        assertTrue(tokens.accepts("Token second-token", null));
        assertTrue(tokens.accepts("token second-token", "second-token"));
        assertTrue(tokens.accepts(null, "xr3j5x3p4pfk"));
    }

    @Test
    void aWrongMissingOrContradictingTokenIsRefused() {
        assertFalse(tokens.accepts("Token wrong", "wrong"));
        assertFalse(tokens.accepts(null, null));
        assertFalse(tokens.accepts("Bearer xr3j5x3p4pfk", "xr3j5x3p4pfk"));
        assertFalse(tokens.accepts("Token xr3j5x3p4pfk", "second-token"));
        assertFalse(tokens.accepts("Token ", ""));
        assertFalse(tokens.accepts("Token xr3j5x3p4pf", null));
    }

    @Test
    void noConfiguredTokenAcceptsNothing() {
        MattermostTokens none = new MattermostTokens(List.of(" "));
        assertTrue(none.isEmpty());
        assertFalse(none.accepts("Token  ", " "));
    }
}
