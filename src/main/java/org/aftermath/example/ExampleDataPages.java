package org.aftermath.example;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.example.ExampleData.Loaded;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.Pages;

/** The admin page that loads the example incident. */
@Path("/")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.ADMINISTER)
public class ExampleDataPages {

    private final ExampleData exampleData;

    ExampleDataPages(ExampleData exampleData) {
        this.exampleData = exampleData;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(Long loadedIncidentId, String title);
    }

    @GET
    @Path("admin/example-data")
    public TemplateInstance show() {
        return Templates.show(exampleData.loaded().orElse(null), OutageStory.TITLE);
    }

    @POST
    @Path("admin/example-data")
    public Response load() {
        Loaded loaded = exampleData.loadIfAbsent();
        return Flash.redirect("/incidents/" + loaded.incidentId(), loaded.created()
                ? "Example incident loaded: resolve it into a postmortem" : "The example incident was already loaded");
    }
}
