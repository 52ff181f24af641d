package org.aftermath.runbook;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.aftermath.runbook.Runbook.Problem;
import org.aftermath.runbook.Runbook.Step;
import org.aftermath.security.Role;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

/** JSON API for the runbook catalog, and the standalone shell script of a runbook. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.VIEW)
public class RunbookApi {

    private final RunbookCatalog catalog;

    RunbookApi(RunbookCatalog catalog) {
        this.catalog = catalog;
    }

    public record CatalogJson(String dir, String folderProblem, List<RunbookJson> runbooks, List<Problem> errors) {

        static CatalogJson of(RunbookCatalog.Snapshot snapshot) {
            return new CatalogJson(snapshot.dir().toString(), snapshot.folderProblem(),
                    snapshot.all().stream().map(RunbookJson::of).toList(), snapshot.problems());
        }
    }

    public record RunbookJson(String slug, String file, String title, String summary, List<String> tags,
                              Integer timeout, String sha256, List<ParamJson> params, List<StepJson> steps) {

        static RunbookJson of(Runbook r) {
            return new RunbookJson(r.slug(), r.file(), r.title(), r.summary(), r.tags(), r.timeoutSeconds(), r.sha256(),
                    r.params().stream().map(ParamJson::of).toList(), r.steps().stream().map(StepJson::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ParamJson(String name, String env, String type, boolean required,
                            @com.fasterxml.jackson.annotation.JsonProperty("default") String defaultValue,
                            String description, String pattern, List<String> values, Long min, Long max,
                            Boolean mustExist) {

        static ParamJson of(ParamSpec p) {
            return new ParamJson(p.name(), p.envName(), p.type().id(), p.required(), p.defaultValue(), p.description(),
                    p.pattern(), p.type() == ParamType.ENUM ? p.values() : null, p.min(), p.max(),
                    p.type() == ParamType.PATH ? p.mustExist() : null);
        }
    }

    public record StepJson(String name, String shell, boolean plan, boolean confirm, boolean fourEyes, Integer timeout,
                           boolean continueOnError, int line) {

        static StepJson of(Step s) {
            return new StepJson(s.name(), s.shell(), s.plan(), s.confirm(), s.fourEyes(), s.timeoutSeconds(), s.continueOnError(), s.line());
        }
    }

    @GET
    @Path("runbooks")
    public CatalogJson list() {
        return CatalogJson.of(catalog.current());
    }

    @GET
    @Path("runbooks/{slug}")
    public RunbookJson get(@RestPath String slug) {
        return RunbookJson.of(catalog.require(slug));
    }

    @POST
    @Path("runbooks/reload")
    public CatalogJson reload() {
        return CatalogJson.of(catalog.reload());
    }

    @GET
    @Path("runbooks/{slug}/script")
    @Produces("text/plain;charset=UTF-8")
    public Response script(@RestPath String slug) {
        return RunbookPages.script(catalog, slug);
    }
}
