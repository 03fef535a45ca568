package io.maskstudio.render;

/** A neuron found by hit-testing: which layer of the pair and its index in that layer. */
public record NeuronHit(Side side, int index) {}
