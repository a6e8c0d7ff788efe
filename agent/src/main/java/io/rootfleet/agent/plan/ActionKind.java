package io.rootfleet.agent.plan;

/** What the agent does to one container in one step. */
public enum ActionKind {
    /** Make its directory, own layer, files and LXC config. */
    CREATE,
    /** Rewrite its LXC config and files from a changed spec (the container is stopped first). */
    UPDATE,
    /**
     * Remember a changed spec whose changes take effect at the next restart (health check, order): only its
     * applied spec is written; the container keeps running.
     */
    RECORD,
    START,
    STOP,
    /** Stop it and delete everything of it, its own layer (its data) included. */
    DESTROY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
