package org.aftermath.run;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Captured output, stored as bounded chunks numbered per run. A NOTIFY carries only the run id and the
 * newest sequence; whoever streams the output reads the chunks themselves from here.
 */
@ApplicationScoped
public class RunOutput {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";
    /** Text Aftermath adds itself, such as the mark where output was dropped to respect the cap. */
    public static final String META = "meta";

    private final RunLedger ledger;

    RunOutput(RunLedger ledger) {
        this.ledger = ledger;
    }

    public record Chunk(int seq, int stepIndex, String stream, String text) {
    }

    /**
     * Stores new chunks, drops evicted ones and rewrites the truncation mark, in one transaction whose commit
     * tells every instance (NOTIFY) that the run has output up to the last new sequence.
     */
    @Transactional
    public void write(long runId, List<Chunk> added, List<Integer> evicted, Chunk mark) {
        var em = Panache.getEntityManager();
        for (Chunk chunk : added) {
            em.createNativeQuery("insert into runbook_run_output (run_id, seq, step_index, stream, text) values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, runId).setParameter(2, chunk.seq()).setParameter(3, chunk.stepIndex())
                    .setParameter(4, chunk.stream()).setParameter(5, chunk.text()).executeUpdate();
        }
        if (!evicted.isEmpty()) {
            em.createNativeQuery("delete from runbook_run_output where run_id = ?1 and seq in (?2)")
                    .setParameter(1, runId).setParameter(2, evicted).executeUpdate();
        }
        if (mark != null) {
            em.createNativeQuery("""
                            insert into runbook_run_output (run_id, seq, step_index, stream, text) values (?1, ?2, ?3, ?4, ?5)
                            on conflict (run_id, seq) do update set stream = excluded.stream, text = excluded.text""")
                    .setParameter(1, runId).setParameter(2, mark.seq()).setParameter(3, mark.stepIndex())
                    .setParameter(4, mark.stream()).setParameter(5, mark.text()).executeUpdate();
        }
        if (!added.isEmpty()) {
            ledger.signal(new RunSignal(RunSignal.Kind.OUTPUT, runId, added.get(added.size() - 1).seq()));
        }
    }

    /** Chunks with a sequence above {@code afterSeq}, oldest first. */
    @Transactional
    public List<Chunk> after(long runId, int afterSeq, int limit) {
        List<?> rows = Panache.getEntityManager().createNativeQuery("""
                        select seq, step_index, stream, text from runbook_run_output
                        where run_id = ?1 and seq > ?2 order by seq limit ?3""")
                .setParameter(1, runId).setParameter(2, afterSeq).setParameter(3, limit).getResultList();
        List<Chunk> chunks = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            chunks.add(new Chunk(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), (String) r[2], (String) r[3]));
        }
        return chunks;
    }

    /** Each step's output as one string, as printed (stream marks dropped), by step index. */
    @Transactional
    public Map<Integer, String> byStep(long runId) {
        Map<Integer, StringBuilder> texts = new LinkedHashMap<>();
        int seq = 0;
        List<Chunk> page;
        do {
            page = after(runId, seq, 500);
            for (Chunk chunk : page) {
                texts.computeIfAbsent(chunk.stepIndex(), i -> new StringBuilder()).append(chunk.text());
                seq = chunk.seq();
            }
        } while (page.size() == 500);
        Map<Integer, String> result = new LinkedHashMap<>();
        texts.forEach((step, text) -> result.put(step, text.toString()));
        return result;
    }

    @Transactional
    public int lastSeq(long runId) {
        return ((Number) Panache.getEntityManager()
                .createNativeQuery("select coalesce(max(seq), 0) from runbook_run_output where run_id = ?1")
                .setParameter(1, runId).getSingleResult()).intValue();
    }
}
