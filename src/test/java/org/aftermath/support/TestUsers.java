package org.aftermath.support;

import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.security.Role;
import org.aftermath.security.TokenService;
import org.aftermath.security.UserService;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Users for tests: one per role per test run, each with an API token (fast: no bcrypt per request). */
@ApplicationScoped
public class TestUsers {

    public static final String PASSWORD = "correct-horse-battery";

    public record Credentials(String username, String password, String token, Role role) {
    }

    private final UserService users;
    private final TokenService tokens;
    private final Map<Role, Credentials> byRole = new EnumMap<>(Role.class);

    TestUsers(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    public synchronized Credentials as(Role role) {
        return byRole.computeIfAbsent(role, this::fresh);
    }

    /** A brand-new user with its own token, for tests that change or disable the user. */
    public Credentials fresh(Role role) {
        String name = role.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, PASSWORD, role, "test");
        String token = tokens.create(name, "test token", role, role).plaintext();
        return new Credentials(name, PASSWORD, token, role);
    }
}
