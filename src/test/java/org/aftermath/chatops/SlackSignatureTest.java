package org.aftermath.chatops;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slack's published example request, and the changes that must each make it fail. */
class SlackSignatureTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
            + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static SlackSignature at(long epochSecond) {
        return new SlackSignature(SECRET, Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void slacksOwnExampleVerifies() {
        assertEquals(SIGNATURE, at(1531420618).sign(TIMESTAMP, bytes(BODY)));
        assertTrue(at(1531420618).verify(TIMESTAMP, bytes(BODY), SIGNATURE));
    }

    @Test
    void anotherTimestampFails() {
        assertFalse(at(1531420618).verify("1531420619", bytes(BODY), SIGNATURE));
    }

    @Test
    void aTrailingNewlineInTheBodyFails() {
        assertFalse(at(1531420618).verify(TIMESTAMP, bytes(BODY + "\n"), SIGNATURE));
    }

    @Test
    void aChangedFieldFails() {
        String tampered = BODY.replace("&text=&", "&text=sev1+mail+spool&");
        assertFalse(at(1531420618).verify(TIMESTAMP, bytes(tampered), SIGNATURE));
    }

    @Test
    void aSignatureOlderOrNewerThanFiveMinutesFails() {
        assertTrue(at(1531420618 + 300).verify(TIMESTAMP, bytes(BODY), SIGNATURE));
        assertFalse(at(1531420618 + 301).verify(TIMESTAMP, bytes(BODY), SIGNATURE));
        assertTrue(at(1531420618 - 300).verify(TIMESTAMP, bytes(BODY), SIGNATURE));
        assertFalse(at(1531420618 - 301).verify(TIMESTAMP, bytes(BODY), SIGNATURE));
    }

    @Test
    void anotherSecretOrAMissingOrMalformedHeaderFails() {
        var otherSecret = new SlackSignature("another-secret", Clock.fixed(Instant.ofEpochSecond(1531420618), ZoneOffset.UTC));
        assertFalse(otherSecret.verify(TIMESTAMP, bytes(BODY), SIGNATURE));
        assertFalse(at(1531420618).verify(null, bytes(BODY), SIGNATURE));
        assertFalse(at(1531420618).verify(TIMESTAMP, bytes(BODY), null));
        assertFalse(at(1531420618).verify(TIMESTAMP, bytes(BODY), SIGNATURE.toUpperCase()));
        assertFalse(at(1531420618).verify(TIMESTAMP, bytes(BODY), SIGNATURE.substring(0, 40)));
        assertFalse(at(1531420618).verify("1531420618.0", bytes(BODY), SIGNATURE));
        assertFalse(at(1531420618).verify("99999999999999999999", bytes(BODY), SIGNATURE));
    }

    @Test
    void theVerifiedBodyDecodesLikeSlackMeantIt() {
        Map<String, String> form = FormBody.parse(bytes(BODY));
        assertEquals("/webhook-collect", form.get("command"));
        assertEquals("", form.get("text"));
        assertEquals("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", form.get("response_url"));
        assertEquals("sev1 mail spool", FormBody.parse(bytes("text=sev1+mail+spool")).get("text"));
        assertEquals("key=\"two words\" 100%", FormBody.parse(bytes("text=key%3D%22two+words%22+100%25")).get("text"));
        assertEquals("é", FormBody.parse(bytes("text=%C3%A9")).get("text"));
    }

    @Test
    void brokenEscapesAreRefusedNotGuessed() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> FormBody.parse(bytes("text=%zz")));
    }
}
