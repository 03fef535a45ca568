/**
 * MaskStudio: design and train neural networks with custom sparse connectivity. {@link io.maskstudio.Launcher}
 * starts the app or the command line. The sub-packages are the layers of docs/architecture.md.
 */
package io.maskstudio;
