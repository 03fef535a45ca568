package io.maskstudio.engine;

/** What weight a connection gets when a mask edit adds it during training. Its optimizer state always starts fresh. */
public enum AddedConnectionInit {
    /** Start at exactly 0: the network's function does not jump when the mask changes. */
    ZERO,
    /** Start at a random value scaled for the neuron's effective fan-in, like at initialization. */
    RANDOM
}
