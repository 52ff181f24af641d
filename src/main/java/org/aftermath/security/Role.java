package org.aftermath.security;

/**
 * Roles in increasing power; each includes everything below it. Resources name the weakest role that may
 * call them, and an identity carries its own role plus every weaker one. ALERTS and METRICS stand outside
 * that ladder: they are for machine tokens (a monitoring system posting alerts, a scraper reading metrics),
 * include nothing else, and only an admin includes them.
 */
public enum Role {
    VIEWER, RESPONDER, OPERATOR, ADMIN, ALERTS, METRICS;

    /** Role names as used in {@code @RolesAllowed}. */
    public static final String VIEW = "viewer";
    public static final String RESPOND = "responder";
    public static final String OPERATE = "operator";
    public static final String ADMINISTER = "admin";
    public static final String POST_ALERTS = "alerts";
    public static final String READ_METRICS = "metrics";

    /** The roles a person can have, weakest first. */
    public static final java.util.List<Role> PEOPLE = java.util.List.of(VIEWER, RESPONDER, OPERATOR, ADMIN);

    /** A role only an API token can have. */
    public boolean machineOnly() {
        return this == ALERTS || this == METRICS;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public boolean includes(Role other) {
        if (this == other) {
            return true;
        }
        if (machineOnly() || other.machineOnly()) {
            return this == ADMIN;
        }
        return ordinal() >= other.ordinal();
    }

    /** This role and every weaker one: the role names an identity carries. */
    public java.util.Set<String> grantedRoleIds() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (Role role : values()) {
            if (includes(role)) {
                ids.add(role.id());
            }
        }
        return ids;
    }

    /** JSON accepts the role in any case ("responder", "RESPONDER"). */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Role fromJson(String value) {
        Role role = parse(value);
        if (role == null) {
            throw new IllegalArgumentException("unknown role");
        }
        return role;
    }

    public static Role parse(String value) {
        if (value == null) {
            return null;
        }
        for (Role role : values()) {
            if (role.id().equalsIgnoreCase(value.strip())) {
                return role;
            }
        }
        return null;
    }
}
