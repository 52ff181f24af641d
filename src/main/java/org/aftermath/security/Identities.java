package org.aftermath.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Builds the identity a request acts under: a user name and the role names that role grants. */
final class Identities {

    static final String TOKEN_ID = "aftermath.token-id";
    static final String AUTHENTICATED_BY = "aftermath.authenticated-by";

    private Identities() {
    }

    static SecurityIdentity of(User user, Role role, String authenticatedBy) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.username))
                .addRoles(role.grantedRoleIds())
                .addAttribute(AUTHENTICATED_BY, authenticatedBy)
                .build();
    }

    /** The role both include, or null when neither includes the other (a machine role and a non-admin). */
    static Role weaker(Role a, Role b) {
        if (b.includes(a)) {
            return a;
        }
        return a.includes(b) ? b : null;
    }
}
