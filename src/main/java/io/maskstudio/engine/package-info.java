/**
 * Training: masked layers and networks, the three kernels, optimizers, the training session and the trainer
 * thread that owns every ND4J array. The only package that uses ND4J; may use {@code model} and {@code data}.
 */
package io.maskstudio.engine;
