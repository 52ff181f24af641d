package org.aftermath.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects the RunFinished events the app fires, as a feature reacting to runs would receive them. */
@ApplicationScoped
public class RunFinishedRecorder {

    private final List<RunFinished> seen = new CopyOnWriteArrayList<>();

    void record(@Observes RunFinished event) {
        seen.add(event);
    }

    public List<RunFinished> seen() {
        return seen;
    }
}
