package org.aftermath.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** Values every page's layout needs: who is logged in, a flash message, the reader's zone. */
@TemplateGlobal
public class PageGlobals {

    static String flash() {
        return Flash.read(Arc.container().instance(HttpServerRequest.class).get());
    }

    static String currentUser() {
        SecurityIdentity identity = Arc.container().instance(SecurityIdentity.class).get();
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    static boolean isAdmin() {
        return Arc.container().instance(SecurityIdentity.class).get().hasRole("admin");
    }

    static boolean canRespond() {
        return Arc.container().instance(SecurityIdentity.class).get().hasRole("responder");
    }

    static boolean canOperate() {
        return Arc.container().instance(SecurityIdentity.class).get().hasRole("operator");
    }

    static String readerZone() {
        return Arc.container().instance(ReaderZone.class).get().zone().getId();
    }

    static boolean zoneFromBrowser() {
        return Arc.container().instance(ReaderZone.class).get().reportedByBrowser();
    }
}
