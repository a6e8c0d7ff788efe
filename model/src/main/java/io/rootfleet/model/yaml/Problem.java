package io.rootfleet.model.yaml;

/** One thing wrong with an input document: where, which field, and what to do about it. */
public record Problem(Location location, String message) {

    @Override
    public String toString() {
        return location + ": " + message;
    }
}
