package dev.fleetsim.engine.experiment;

import dev.fleetsim.engine.scenario.AxisSpec;

import java.util.List;

/**
 * One point of an experiment: one value of every axis. Points are numbered in expansion order
 * (the first axis outermost, the last — the seed — innermost, like nested loops in the order of
 * the file), and named by their values ({@code policy=fifo,nodes=12,seed=3}), so the same
 * experiment always gives the same ids, an id names its folder {@code points/<id>/}, and a point
 * keeps its id when values are added to an axis.
 *
 * @param index position in expansion order
 * @param id the folder-safe name made of the values
 * @param values one value per axis, in axis order
 */
public record Point(int index, String id, List<Object> values) {
    public Point {
        values = List.copyOf(values);
    }

    /** The value of axis {@code a} as text: {@code 12}, {@code fifo:topology-aware}. */
    public String text(int a) {
        return AxisSpec.text(values.get(a));
    }
}
