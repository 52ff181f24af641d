package org.aftermath.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.List;

/** The roles a person can have, weakest first, for forms ({@code inject:roleChoices}). */
@Named("roleChoices")
@ApplicationScoped
public class RoleChoices {

    public List<Role> all() {
        return Role.PEOPLE;
    }
}
