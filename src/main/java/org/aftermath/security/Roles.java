package org.aftermath.security;

import io.quarkus.security.identity.SecurityIdentity;

/** Reads roles back from an identity. */
public final class Roles {

    private Roles() {
    }

    /** The strongest role an identity holds (its own role; the weaker ones come with it). */
    public static Role strongest(SecurityIdentity identity) {
        Role strongest = null;
        for (String id : identity.getRoles()) {
            Role role = Role.parse(id);
            if (role != null && (strongest == null || role.includes(strongest))) {
                strongest = role;
            }
        }
        return strongest == null ? Role.VIEWER : strongest;
    }
}
