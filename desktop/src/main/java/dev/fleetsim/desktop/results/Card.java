package dev.fleetsim.desktop.results;

/** One summary card: a headline figure with its title and a line of detail. */
public record Card(String title, String value, String detail) {
}
