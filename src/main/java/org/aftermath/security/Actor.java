package org.aftermath.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Who is acting in the current request; every state change records this name. */
@RequestScoped
public class Actor {

    private final SecurityIdentity identity;

    Actor(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(Role role) {
        return identity.getRoles().stream().map(Role::parse).anyMatch(r -> r != null && r.includes(role));
    }
}
