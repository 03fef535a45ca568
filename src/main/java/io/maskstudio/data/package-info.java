/**
 * Datasets: the shipped ones, synthetic toy sets and CSV import, with the seeded train/validation split and
 * standardization fitted on the training rows only. May use {@code model}; errors name the file and line.
 */
package io.maskstudio.data;
