package org.aftermath.backup;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.aftermath.security.Role;
import org.aftermath.web.CsrfProtected;
import org.aftermath.web.Flash;
import org.aftermath.web.Pages;

import java.util.List;

/** The admin's view of the backup folder, and a button that takes a backup now. */
@Path("/admin/backups")
@Produces(Pages.HTML)
@CsrfProtected
@RolesAllowed(Role.ADMINISTER)
public class BackupPages {

    private final BackupService backups;

    BackupPages(BackupService backups) {
        this.backups = backups;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<BackupService.BackupFile> files, BackupService.Attempt last,
                                            String dir, int keep);
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(backups.list(), backups.lastAttempt().orElse(null), backups.dir().toString(), backups.keep());
    }

    @POST
    public Response start() {
        try {
            return Flash.redirect("/admin/backups", "Backup written: " + backups.backupNow());
        } catch (BackupException e) {
            return Flash.redirect("/admin/backups", "Backup failed: " + e.getMessage());
        }
    }
}
