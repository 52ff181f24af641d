package org.aftermath.status.page;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.aftermath.status.page.StatusSnapshot.IncidentView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link StatusSnapshot} into the status page's files: index.html, one incident-N.html per published
 * incident, feed.xml (Atom), status.json and status.css. Static HTML and CSS, no script. The same snapshot always
 * gives the same bytes; only "last updated" says when it was made.
 */
@ApplicationScoped
public class StatusRenderer {

    public static final String INDEX = "index.html";
    public static final String FEED = "feed.xml";
    public static final String JSON = "status.json";
    public static final String CSS = "status.css";

    private final ObjectMapper json;
    private final byte[] css;

    StatusRenderer(ObjectMapper json) {
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        try (InputStream in = StatusRenderer.class.getResourceAsStream("status.css")) {
            this.css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How pages link to each other: relative in a published folder, under /status when served by Aftermath. */
    public record Links(String root) {
        public static final Links PUBLISHED = new Links("");
        public static final Links SERVED = new Links("/status/");

        public String home() {
            return root.isEmpty() ? INDEX : "/status";
        }

        public String css() {
            return root + CSS;
        }

        public String feed() {
            return root + FEED;
        }

        public String json() {
            return root + JSON;
        }

        public String page(IncidentView incident) {
            return root + incident.file();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(StatusSnapshot s, Links links);

        static native TemplateInstance incident(StatusSnapshot s, IncidentView incident, Links links);

        static native TemplateInstance feed(StatusSnapshot s);
    }

    public String index(StatusSnapshot snapshot, Links links) {
        return Templates.index(snapshot, links).render();
    }

    public Optional<String> incident(StatusSnapshot snapshot, long id, Links links) {
        return snapshot.published().stream().filter(i -> i.id() == id).findFirst()
                .map(i -> Templates.incident(snapshot, i, links).render());
    }

    public String feed(StatusSnapshot snapshot) {
        return Templates.feed(snapshot).render();
    }

    public byte[] css() {
        return css.clone();
    }

    /** services and active incidents, for machines. */
    public String json(StatusSnapshot s) {
        record Page(String title, String url, String updated) {
        }
        record ServiceJson(String slug, String name, String status) {
        }
        record ImpactJson(String service, String impact) {
        }
        record UpdateJson(String status, String text, String at) {
        }
        record IncidentJson(long id, String title, String url, String status, String startedAt,
                            List<ImpactJson> impacts, List<UpdateJson> updates) {
        }
        record MaintenanceJson(String title, String startsAt, String endsAt, boolean inProgress, List<String> services) {
        }
        record Document(Page page, String status, List<ServiceJson> services, List<IncidentJson> activeIncidents,
                        List<MaintenanceJson> maintenance) {
        }
        Document document = new Document(new Page(s.title(), s.publicUrl(), s.lastUpdatedIso()), s.overall(),
                s.services().stream().map(x -> new ServiceJson(x.slug(), x.name(), x.state())).toList(),
                s.active().stream().map(i -> new IncidentJson(i.id(), i.title(), s.publicUrl() + i.file(), i.status(),
                        i.startedAtIso(), i.impacts().stream().map(m -> new ImpactJson(m.service(), m.impact())).toList(),
                        i.updates().stream().map(u -> new UpdateJson(u.status(), u.text(), u.atIso())).toList())).toList(),
                s.maintenance().stream().map(m -> new MaintenanceJson(m.title(), m.startsAtIso(), m.endsAtIso(),
                        m.inProgress(), m.services())).toList());
        try {
            return json.writeValueAsString(document) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file of the published folder, by name, in a fixed order. */
    public Map<String, byte[]> files(StatusSnapshot snapshot) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(INDEX, utf8(index(snapshot, Links.PUBLISHED)));
        for (IncidentView incident : snapshot.published()) {
            files.put(incident.file(), utf8(Templates.incident(snapshot, incident, Links.PUBLISHED).render()));
        }
        files.put(FEED, utf8(feed(snapshot)));
        files.put(JSON, utf8(json(snapshot)));
        files.put(CSS, css());
        return files;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
