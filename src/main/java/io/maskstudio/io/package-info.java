/**
 * Every file format: graph files, the mask formats ({@link io.maskstudio.io.MaskFormats} is the one entry point),
 * the PyTorch export and atomic writes. Our own readers, so hostile input is refused with a message naming the
 * file and field. May use {@code model} and Jackson; never ND4J or JavaFX.
 */
package io.maskstudio.io;
