package org.aftermath.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;

/** Values every page's layout needs: who is logged in, a flash message, the reader's zone. */
@TemplateGlobal
public class PageGlobals {

    static String flash() {
        return Flash.read(Arc.container().instance(HttpServerRequest.class).get());
    }

    static String currentUser() {
        SecurityIdentity identity = identity();
        return identity == null || identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    static boolean isAdmin() {
        return hasRole("admin");
    }

    static boolean canRespond() {
        return hasRole("responder");
    }

    static boolean canOperate() {
        return hasRole("operator");
    }

    private static boolean hasRole(String role) {
        SecurityIdentity identity = identity();
        return identity != null && identity.hasRole(role);
    }

    /**
     * Who is logged in, or null on the IO thread: a route no resource matched (/nonexistent, /favicon.ico)
     * is answered there, where resolving the session must not block, so its error page shows the
     * logged-out chrome instead of failing.
     */
    private static SecurityIdentity identity() {
        if (Context.isOnEventLoopThread()) {
            return null;
        }
        return Arc.container().instance(SecurityIdentity.class).get();
    }

    static String readerZone() {
        return Arc.container().instance(ReaderZone.class).get().zone().getId();
    }

    static boolean zoneFromBrowser() {
        return Arc.container().instance(ReaderZone.class).get().reportedByBrowser();
    }
}
