package org.aftermath.security;

/**
 * Roles in increasing power; each includes everything below it. Resources name the weakest role that may
 * call them, and an identity carries its own role plus every weaker one.
 */
public enum Role {
    VIEWER, RESPONDER, OPERATOR, ADMIN;

    /** Role names as used in {@code @RolesAllowed}. */
    public static final String VIEW = "viewer";
    public static final String RESPOND = "responder";
    public static final String OPERATE = "operator";
    public static final String ADMINISTER = "admin";

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public boolean includes(Role other) {
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
