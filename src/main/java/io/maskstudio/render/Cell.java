package io.maskstudio.render;

/** One entry of a mask: {@code row} = output neuron, {@code col} = input neuron. */
public record Cell(int row, int col) {}
