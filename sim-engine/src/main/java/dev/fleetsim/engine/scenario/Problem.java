package dev.fleetsim.engine.scenario;

/**
 * One thing wrong with a scenario file: where it is in the document (a path such as
 * {@code workload.jobs[3].parallelism.tp}), what was found there, and what is allowed. The
 * three parts are kept apart so tools (the desktop editor, a CI annotation) can place and
 * phrase them; {@link #toString()} is the one-line form people read.
 *
 * @param path location in the document, dotted keys and {@code [index]} for list items
 * @param found what the file holds there, quoted when it is a string
 * @param allowed what would be accepted, with a suggestion when one is close
 */
public record Problem(String path, String found, String allowed) {

    @Override
    public String toString() {
        return path + ": found " + found + "; expected " + allowed;
    }
}
