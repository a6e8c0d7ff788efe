package io.rootfleet.model.yaml;

/** A place in an input document, printed the way editors and compilers do: {@code file:line:column}. */
public record Location(String source, int line, int column) {

    public static Location of(String source) {
        return new Location(source, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? source : source + ":" + line + ":" + column;
    }
}
