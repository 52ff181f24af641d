package org.aftermath.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * On the very first start there is nobody to log in as: create {@code admin}, with the password from
 * AFTERMATH_ADMIN_PASSWORD or, failing that, a generated one printed once (as Jenkins does).
 */
@Singleton
class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    void onStart(@Observes StartupEvent event, UserService users,
                 @ConfigProperty(name = "aftermath.admin-password") Optional<String> configured) {
        users.createFirstAdminIfNone(configured.orElse(null)).ifPresentOrElse(
                generated -> LOG.warnf("%n%n*************************************************************%n"
                        + "  Aftermath created the first user.%n"
                        + "  Log in at /login as 'admin' with password: %s%n"
                        + "  This is shown only once; change it under 'admin' > account.%n"
                        + "*************************************************************%n", generated),
                () -> {
                });
    }
}
