package dev.fleetsim.engine.hardware;

/**
 * One thing wrong with a hardware document (a profile or the catalogue): where it is
 * ({@code gemm.bf16.tiles[1].m}), what was found there and what is allowed; the same three
 * parts as a scenario file's problems, so the scenario loader can prefix the path and report
 * them with its own.
 *
 * @param path location in the document, dotted keys and {@code [index]} for list items
 * @param found what the document holds there, quoted when it is a string
 * @param allowed what would be accepted
 */
public record HardwareProblem(String path, String found, String allowed) {

    @Override
    public String toString() {
        return path + ": found " + found + "; expected " + allowed;
    }
}
