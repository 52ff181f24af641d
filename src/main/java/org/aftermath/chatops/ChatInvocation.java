package org.aftermath.chatops;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A chat command that started or confirmed a run: where that run's outcome is posted, and how often it was. */
@Entity
@Table(name = "chat_invocation")
public class ChatInvocation extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    public Platform platform;

    @Column(updatable = false)
    public long runId;

    @Column(updatable = false)
    public Long incidentId;

    @Column(updatable = false)
    public String responseUrl;

    @Column(updatable = false)
    public String responseType;

    @Column(updatable = false)
    public String actor;

    @Column(updatable = false)
    public Instant createdAt;

    /** Changed only by a guarded update statement, never through the entity. */
    @Column(insertable = false, updatable = false)
    public int posts;
}
