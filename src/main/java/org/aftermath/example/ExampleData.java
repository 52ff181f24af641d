package org.aftermath.example;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Gives a fresh install something real to look at: the outage story, loaded once, by an admin
 * (/admin/example-data) or at start with {@code aftermath.example-data=true}.
 */
@ApplicationScoped
public class ExampleData {

    private static final Logger LOG = Logger.getLogger(ExampleData.class);
    /** The source of every entry the example writes, which is also how a loaded example is recognised. */
    static final String SOURCE = "example-data";

    private final OutageStory story;

    ExampleData(OutageStory story) {
        this.story = story;
    }

    public record Loaded(long incidentId, boolean created) {
    }

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "aftermath.example-data", defaultValue = "false") boolean wanted) {
        if (wanted) {
            Loaded loaded = loadIfAbsent();
            LOG.infof(loaded.created() ? "Loaded the example incident #%d" : "The example incident #%d is already loaded",
                    loaded.incidentId());
        }
    }

    @Transactional
    public Loaded loadIfAbsent() {
        // Two admins clicking at once, or two instances starting together, still load it once.
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(hashtext('aftermath-example-data'))")
                .getSingleResult();
        return loaded().map(id -> new Loaded(id, false))
                .orElseGet(() -> new Loaded(story.create(SOURCE).id, true));
    }

    /** The example incident's id, if it was loaded. */
    public Optional<Long> loaded() {
        List<?> ids = Panache.getEntityManager().createNativeQuery(
                        "select incident_id from timeline_event where source = ?1 order by id limit 1")
                .setParameter(1, SOURCE).getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }
}
