package org.aftermath.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start-up refusal of secrets anyone can read: the old compose placeholders and short keys. */
class StartupChecksTest {

    @Test
    void theOldComposePlaceholdersAreEachRefusedWithTheWayOut() {
        List<String> problems = StartupChecks.problems(Optional.of("change-me-to-32-random-characters"),
                Optional.of("change-me-admin"), Optional.of("change-me-db"));
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AFTERMATH_SESSION_KEY") && problems.get(0).contains("openssl rand"), problems.get(0));
        assertTrue(problems.get(1).contains("AFTERMATH_ADMIN_PASSWORD"), problems.get(1));
        assertTrue(problems.get(2).contains("database password"), problems.get(2));
        assertEquals(1, StartupChecks.problems(Optional.empty(), Optional.of("  Change-Me-Admin "), Optional.empty()).size());
    }

    @Test
    void aShortKeyIsRefusedAndUnsetOrRealOnesAreFine() {
        List<String> shortKey = StartupChecks.problems(Optional.of("only-twenty-characters"), Optional.empty(), Optional.empty());
        assertEquals(1, shortKey.size());
        assertTrue(shortKey.get(0).contains("at least 32 characters (it has 22)"), shortKey.get(0));
        assertEquals(List.of(), StartupChecks.problems(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(List.of(), StartupChecks.problems(Optional.of("k7Hq0y2Vd9nB4sLr8pXw1cEm6tZa3uFj5gKo"),
                Optional.of("a real admin password"), Optional.of("aftermath")));
    }
}
